import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";

const artifacts = resolve(import.meta.dirname, "../artifacts");
const APP_SECRET = "meta-app-secret-4f1c";
const TOKEN = "EAAG-graph-token-9d2e";
let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
});
afterAll(async () => {
  await harness?.close();
});

async function logIn() {
  await page.goto(harness.baseUrl);
  await page.locator('input[name="email"]').click();
  await page.keyboard.type(ADMIN.email);
  await page.locator('input[name="password"]').click();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await page.locator("tr[data-flow]").first().waitFor();
}

const handshake = async (token: string) =>
  (await fetch(`${harness.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=77`))
    .status;

describe("the channels admin page", () => {
  it("connects WhatsApp without a restart, and never shows its secrets again", async () => {
    try {
      await logIn();
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
});
