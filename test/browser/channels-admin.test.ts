import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twilioSignature } from "../../runtime/channels/sms/signature.js";
import { FakeProvider } from "../integration/providers/fake-provider.js";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";

const artifacts = resolve(import.meta.dirname, "../artifacts");
const APP_SECRET = "meta-app-secret-4f1c";
const TOKEN = "EAAG-graph-token-9d2e";
let harness: Harness;
let page: Page;
/** Twilio's REST API on 127.0.0.1: takes every SMS and names it `SMout<n>`. */
const twilio = new FakeProvider((_request, n) => ({ status: 201, body: { sid: `SMout${n}`, status: "queued" } }));
const TWILIO_URL = "https://relais.example.fr/webhooks/twilio";
const AUTH_TOKEN = "twilio-auth-token-5b";

beforeAll(async () => {
  harness = await startHarness({ TWILIO_API_URL: await twilio.start() });
  page = harness.page;
});
afterAll(async () => {
  await harness?.close();
  await twilio.stop();
});

/** Opens a page of the app as the admin, logging in first when the browser has no session yet. */
async function openAsAdmin(hash: string, shown: string) {
  await page.goto(`${harness.baseUrl}/${hash}`);
  const login = page.locator('input[name="email"]');
  await login.or(page.locator(shown)).first().waitFor();
  if (await login.isVisible()) {
    await login.click();
    await page.keyboard.type(ADMIN.email);
    await page.locator('input[name="password"]').click();
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
  }
  await page.locator(shown).first().waitFor();
}

const handshake = async (token: string) =>
  (await fetch(`${harness.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=77`))
    .status;

describe("the channels admin page", () => {
  it("connects WhatsApp without a restart, and never shows its secrets again", async () => {
    try {
      await openAsAdmin("#/", "nav.console-links");
      await page.getByRole("link", { name: "Canaux" }).click();
      const whatsapp = page.locator('section[data-channel="whatsapp"]');
      await whatsapp.getByText("Désactivé : son webhook répond 404").waitFor();
      await whatsapp.getByText("Pas encore réglé.").waitFor();
      expect(await whatsapp.locator('input[name="webhook-url"]').inputValue()).toBe(
        `${harness.baseUrl}/webhooks/whatsapp`,
      );
      expect(await handshake("verify-77")).toBe(404);

      await whatsapp.getByLabel("Activer ce canal").check();
      await whatsapp.locator('select[name="flow"]').selectOption({ label: "Accueil et orientation" });
      await typeInto(whatsapp.getByLabel("Identifiant du numéro (Phone number ID)"), "106540352242922");
      await typeInto(whatsapp.getByLabel("Clé secrète de l'application (App secret)"), APP_SECRET);
      await typeInto(whatsapp.getByLabel("Jeton de vérification du webhook"), "verify-77");
      await whatsapp.getByRole("button", { name: "Enregistrer" }).click();
      await whatsapp
        .getByRole("alert")
        .filter({ hasText: "Renseignez « Jeton d'accès » pour activer WhatsApp." })
        .waitFor();
      expect(await handshake("verify-77")).toBe(404);

      await typeInto(whatsapp.getByLabel("Jeton d'accès", { exact: true }), TOKEN);
      await whatsapp.getByRole("button", { name: "Enregistrer" }).click();
      await whatsapp.getByText("Activé : reçoit et envoie les messages").waitFor();
      await whatsapp.getByText("Réglé dans cette page.").waitFor();
      await whatsapp.getByRole("status").filter({ hasText: "Enregistré." }).waitFor();
      await expect.poll(() => whatsapp.locator(".secret-stored").count()).toBe(3);
      expect(await whatsapp.locator('input[type="password"]').count()).toBe(0);
      const html = await page.content();
      expect(html).not.toContain(APP_SECRET);
      expect(html).not.toContain(TOKEN);
      expect(await handshake("verify-77")).toBe(200);
      await page.screenshot({ path: join(artifacts, "channels-admin.png"), fullPage: true });

      // Replacing one secret leaves the others as stored.
      await whatsapp.locator('[data-secret="verifyToken"]').getByRole("button", { name: "Remplacer" }).click();
      await typeInto(whatsapp.locator('input[name="secret-verifyToken"]'), "verify-88");
      await whatsapp.getByRole("button", { name: "Enregistrer" }).click();
      await expect.poll(() => whatsapp.locator(".secret-stored").count()).toBe(3);
      expect(await handshake("verify-88")).toBe(200);
      expect(await handshake("verify-77")).toBe(403);

      await whatsapp.getByLabel("Activer ce canal").uncheck();
      await whatsapp.getByRole("button", { name: "Enregistrer" }).click();
      await whatsapp.getByText("Désactivé : son webhook répond 404").waitFor();
      expect(await handshake("verify-88")).toBe(404);

      await page.locator("select.language-switch").selectOption("en");
      await whatsapp.getByText("Off: its webhook answers 404").waitFor();
      await whatsapp.getByText("Set in this page.").waitFor();
      await expect.poll(() => whatsapp.getByText("stored", { exact: true }).count()).toBe(3);
      await page.locator('section[data-channel="sms"]').getByText("Not set yet.").waitFor();
      await page.locator("select.language-switch").selectOption("fr");
    } catch (error) {
      await screenshotOnFailure(page, "channels-admin");
      throw error;
    }
  });

  it("shows agents how far each SMS got, live: sent, delivered, not delivered and why", async () => {
    const { app } = harness;
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
    const cookie = `relais_session=${login.cookies.find((c) => c.name === "relais_session")?.value}`;
    const saved = await app.inject({
      method: "PUT",
      url: "/api/channel-settings/sms",
      headers: { cookie },
      payload: {
        enabled: true,
        flowId: "triage",
        settings: { accountSid: "AC0123456789abcdef", from: "+33100000000", publicUrl: TWILIO_URL },
        secrets: { authToken: AUTH_TOKEN },
      },
    });
    expect(saved.statusCode).toBe(200);
    const twilioPost = (form: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: "/webhooks/twilio",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilioSignature(AUTH_TOKEN, TWILIO_URL, form),
        },
        payload: new URLSearchParams(form).toString(),
      });
    const customer = "+33611223344";
    const sms = (sid: string, body: string) =>
      twilioPost({ AccountSid: "AC0123456789abcdef", From: customer, To: "+33100000000", MessageSid: sid, Body: body });
    expect((await sms("SMin1", "Bonjour")).statusCode).toBe(200);
    expect((await sms("SMin2", "je veux parler à un conseiller")).statusCode).toBe(200);
    let conversationId = "";
    for (;;) {
      const claimed = await app.inject({ method: "POST", url: "/api/queues/support/claim", headers: { cookie } });
      if (claimed.statusCode !== 200) throw new Error(`nothing to claim: ${claimed.statusCode} ${claimed.body}`);
      if (claimed.json().conversation.address === customer) {
        conversationId = claimed.json().conversation.id;
        break;
      }
    }
    /** The sid Twilio gave the SMS holding these words, once Relais sent it. */
    const sidOf = async (words: string) => {
      await expect.poll(() => twilio.received.findIndex((each) => each.body.includes(words))).toBeGreaterThan(-1);
      return `SMout${twilio.received.findIndex((each) => each.body.includes(words)) + 1}`;
    };
    const status = (sid: string, MessageStatus: string, more: Record<string, string> = {}) =>
      twilioPost({ AccountSid: "AC0123456789abcdef", MessageSid: sid, MessageStatus, To: customer, ...more });
    try {
      await openAsAdmin(`#/agent/${conversationId}`, "article.conversation");
      await typeInto(page.locator('textarea[name="reply"]'), "Je regarde votre dossier");
      await page.getByRole("button", { name: "Envoyer" }).click();
      const reply = page.locator(".entry.agent").filter({ hasText: "Je regarde votre dossier" });
      await reply.locator(".delivery").filter({ hasText: "Envoyé" }).waitFor();
      // Twilio's API takes the SMS form-encoded: spaces are `+`.
      const replySid = await sidOf("Je+regarde+votre+dossier");
      expect((await status(replySid, "delivered")).statusCode).toBe(200);
      await reply.locator(".delivery").filter({ hasText: "Remis" }).waitFor();

      const handoffSid = await sidOf("mets+en+relation");
      await status(handoffSid, "undelivered", { ErrorCode: "30003" });
      const handoff = page.locator(".entry.bot").filter({ hasText: "Je vous mets en relation avec un conseiller" });
      await handoff
        .locator(".delivery.failed")
        .filter({ hasText: "Non remis : téléphone injoignable (éteint ou hors réseau)" })
        .waitFor();
      await page.screenshot({ path: join(artifacts, "agent-delivery-states.png") });
    } catch (error) {
      await screenshotOnFailure(page, "agent-delivery-states");
      throw error;
    }
  });

  it("lets an admin word a queue's notices to customers, in French and English, the defaults shown", async () => {
    try {
      await openAsAdmin("#/admin/queues", "details.queue-settings");
      const support = page.locator("details.queue-settings", { hasText: "(support)" });
      await support.locator("summary").click();
      const claimedFr = support.locator('textarea[name="notice-claimed-fr"]');
      expect(await claimedFr.getAttribute("placeholder")).toBe("{{agent}}, du service client, prend le relais.");
      expect(await support.locator('textarea[name="notice-claimed-en"]').getAttribute("placeholder")).toBe(
        "{{agent}} from customer service is taking over.",
      );
      await typeInto(claimedFr, "{{agent}}, de l'équipe Support, vous répond.");
      await typeInto(support.locator('textarea[name="notice-resolved-en"]'), "All done, thank you!");
      await support.getByRole("button", { name: "Enregistrer", exact: true }).click();
      const stored = async () => {
        const { app } = harness;
        const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
        const cookie = `relais_session=${login.cookies.find((c) => c.name === "relais_session")?.value}`;
        const queues = (await app.inject({ url: "/api/queue-settings", headers: { cookie } })).json() as {
          id: string;
          noticeTexts?: unknown;
        }[];
        return queues.find((queue) => queue.id === "support")?.noticeTexts;
      };
      await expect.poll(stored).toEqual({
        claimed: { fr: "{{agent}}, de l'équipe Support, vous répond." },
        resolved: { en: "All done, thank you!" },
      });
      const reopened = page.locator("details.queue-settings", { hasText: "(support)" });
      if (!(await reopened.getAttribute("open"))) await reopened.locator("summary").click();
      await reopened.getByRole("group", { name: "Messages au client" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, "queue-notice-texts.png") });
    } catch (error) {
      await screenshotOnFailure(page, "queue-notice-texts");
      throw error;
    }
  });

  it("previews a question on each channel with the channels' own renderers", async () => {
    try {
      await openAsAdmin("#/", "nav.console-links");
      await page.goto(`${harness.baseUrl}/#/flows/identify-customer`);
      await page.locator(".toolbar .flow-name", { hasText: "Identifier le client" }).waitFor();
      await page.locator('.react-flow__node[data-id="ask-method"]').click({ position: { x: 8, y: 8 } });
      const preview = page.getByRole("region", { name: "Aperçu par canal" });
      const bubbles = preview.locator("ol.preview-bubbles");
      await bubbles
        .locator(".preview-text", { hasText: "Pour vous identifier, que préférez-vous me donner ?" })
        .waitFor();
      await expect
        .poll(() => bubbles.locator(".preview-button").allTextContents())
        .toEqual(["Mon e-mail", "Mon téléphone", "Mon n° client"]);

      await preview.getByRole("tab", { name: "SMS" }).click();
      await page.locator('ol.preview-bubbles[data-preview="sms"]').waitFor();
      expect(await bubbles.locator(".preview-text").textContent()).toBe(
        "Pour vous identifier, que préférez-vous me donner ?\n1. Mon e-mail\n2. Mon téléphone\n3. Mon n° client",
      );
      // "°" is not in the GSM alphabet: the SMS goes as UCS-2, 70 characters a segment.
      await preview.getByText("2 SMS facturés (UCS-2)").waitFor();
      await preview.getByText("Les choix deviennent une liste numérotée").waitFor();

      await preview.getByRole("tab", { name: "Messenger" }).click();
      await preview.getByLabel("Langue").selectOption("en");
      await expect
        .poll(() => page.locator('ol.preview-bubbles[data-preview="messenger"] .preview-button').allTextContents())
        .toEqual(["My email", "My phone", "My customer no."]);
      await preview.getByRole("tab", { name: "WhatsApp" }).click();
      await preview.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, "channel-preview.png") });
    } catch (error) {
      await screenshotOnFailure(page, "channel-preview");
      throw error;
    }
  });
});
