import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ADMIN, type Built, listenOnLoopback, login } from "../integration/helpers.js";
import { buildWithChoices } from "../integration/providers/setup.js";
import { launchChromium, typeInto } from "./harness.js";

let built: Built;
let base: string;
let browser: Browser;

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 30_000 } } });
  built = await buildWithChoices({});
  base = await listenOnLoopback(built.app);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await built?.close();
});

const conversations = async () => {
  const { conversations: table } = built.app.store.tables;
  return built.app.store.read((db) => db.select().from(table).where(eq(table.channel, "webchat")));
};
/** The web chat conversations of the visitor of `page`, found by the session its browser keeps. */
const conversationsOf = async (page: Page) => {
  const session = await page.evaluate(() => localStorage.getItem("relais-session-choices"));
  return (await conversations()).filter((conversation) => conversation.address === session);
};
const bubbles = (page: Page, role: string) => page.locator(`[data-role="${role}"]`);

describe("the web chat remembers", () => {
  // Each test is a visitor of their own, with a browser of their own: the tests pass in any order.
  let context: BrowserContext;
  beforeEach(async () => {
    context = await browser.newContext({ locale: "fr-FR" });
  });
  afterEach(() => context.close());

  it("sends nothing for a visitor who only looks", async () => {
    const page = await context.newPage();
    for (let visit = 0; visit < 3; visit++) {
      await page.goto(`${base}/chat/choices`);
      await expect.poll(() => bubbles(page, "welcome").textContent()).toContain("Écrivez-nous votre question");
    }
    expect(await conversationsOf(page)).toHaveLength(0);
    await page.close();
  });

  it("shows the conversation again after a reload and the next visit, and what an agent wrote meanwhile, with its link clickable", async () => {
    const page = await context.newPage();
    await page.goto(`${base}/chat/choices`);
    const input = page.getByRole("textbox", { name: "Votre message" });
    await input.waitFor();
    await typeInto(input, "Bonjour");
    await page.keyboard.press("Enter");
    await expect.poll(() => bubbles(page, "bot").last().textContent()).toBe("Que voulez-vous faire ?");
    await page.getByRole("button", { name: "Un conseiller" }).click();
    await expect.poll(() => bubbles(page, "bot").last().textContent()).toBe("Un conseiller arrive.");

    await page.reload();
    await expect.poll(() => bubbles(page, "customer").allTextContents()).toEqual(["Bonjour", "Un conseiller"]);
    expect(await bubbles(page, "bot").allTextContents()).toEqual(["Que voulez-vous faire ?", "Un conseiller arrive."]);
    expect(await bubbles(page, "welcome").count()).toBe(0);
    const [conversation] = await conversationsOf(page);
    await page.close();

    // While the visitor is away, an agent takes the case and answers with a link.
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const claimed = await built.app.inject({
      method: "POST",
      url: "/api/queues/support/claim",
      headers: { cookie: admin },
    });
    expect(claimed.json().conversation.id).toBe(conversation?.id);
    const reply = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${conversation?.id}/reply`,
      headers: { cookie: admin },
      payload: { text: "Votre colis est ici : https://suivi.example.fr/colis/123." },
    });
    expect(reply.statusCode).toBeLessThan(300);

    const next = await context.newPage();
    await next.goto(`${base}/chat/choices`);
    await expect
      .poll(() => bubbles(next, "agent").allTextContents())
      .toEqual(["Votre colis est ici : https://suivi.example.fr/colis/123."]);
    const link = bubbles(next, "agent").getByRole("link");
    expect(await link.getAttribute("href")).toBe("https://suivi.example.fr/colis/123");
    expect(await link.getAttribute("target")).toBe("_blank");
    // The stream opened after the history does not bring that reply a second time: the next one
    // comes through it alone (the outbox sends a conversation's messages in order).
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${conversation?.id}/reply`,
      headers: { cookie: admin },
      payload: { text: "Autre chose ?" },
    });
    await expect
      .poll(() => bubbles(next, "agent").allTextContents())
      .toEqual(["Votre colis est ici : https://suivi.example.fr/colis/123.", "Autre chose ?"]);
    expect(await conversationsOf(next)).toHaveLength(1);
    await next.close();
  });

  it("answers in the language of the customer's own page", async () => {
    const page = await context.newPage();
    // The customer's own site: another origin (another port) than Relais's.
    const shop = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><html lang="en"><body><h1>Shop</h1><script src="${base}/widget.js" data-flow="choices"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    await page.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/`);
    await page.getByRole("button", { name: "Open the chat" }).click();
    const input = page.getByRole("textbox", { name: "Your message" });
    await input.waitFor();
    await typeInto(input, "Hello");
    await page.keyboard.press("Enter");
    await expect.poll(() => bubbles(page, "bot").last().textContent()).toBe("What would you like to do?");
    await expect.poll(() => page.getByRole("button", { name: "Track my order" }).count()).toBe(1);
    await page.close();
    shop.close();
  });
});

describe("the web chat on a customer's site", () => {
  it("opens from its button, closes to it, stays as the visitor left it, and counts what came while closed", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    const shop = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(
        `<!doctype html><html lang="fr"><body><h1>Boutique</h1><script src="${base}/widget.js" data-flow="choices" data-title="Boutique Martin"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    const shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
    const launcher = page.getByRole("button", { name: /^Ouvrir la discussion/ });
    const input = page.getByRole("textbox", { name: "Votre message" });
    const chat = page.getByRole("region", { name: "Boutique Martin" });

    // Closed at first: the page's corner holds only the button.
    await page.goto(shopUrl);
    await launcher.waitFor();
    expect(await chat.isVisible()).toBe(false);
    await launcher.click();
    await chat.getByRole("heading", { name: "Boutique Martin" }).waitFor();
    await expect.poll(() => input.evaluate((box) => box === document.activeElement)).toBe(true);
    await page.keyboard.type("Bonjour");
    await page.keyboard.press("Enter");
    await expect.poll(() => bubbles(page, "bot").last().textContent()).toBe("Que voulez-vous faire ?");
    await page.getByRole("button", { name: "Un conseiller" }).click();
    await expect.poll(() => bubbles(page, "bot").last().textContent()).toBe("Un conseiller arrive.");

    // Open on the site's next page; Escape closes it, and the keyboard is back on the button.
    await page.reload();
    await input.waitFor();
    await input.click();
    await page.keyboard.press("Escape");
    await launcher.waitFor();
    await expect.poll(() => launcher.evaluate((button) => button === document.activeElement)).toBe(true);

    // An agent takes the case while the chat is closed: its button counts the message.
    const session = await page.evaluate(() => localStorage.getItem("relais-session-choices"));
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const claimed = await built.app.inject({
      method: "POST",
      url: "/api/queues/support/claim",
      headers: { cookie: admin },
    });
    const mine = (await conversations()).find((conversation) => conversation.address === session);
    expect(claimed.json().conversation.id).toBe(mine?.id);
    await page.getByRole("button", { name: "Ouvrir la discussion (1 nouveau message)" }).waitFor();

    // Closed on the next page, with what was seen before shown again but not counted as new.
    await page.reload();
    await expect.poll(() => bubbles(page, "bot").last().textContent()).toContain("prend le relais");
    await page.getByRole("button", { name: "Ouvrir la discussion", exact: true }).waitFor();
    expect(await chat.isVisible()).toBe(false);
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${mine?.id}/reply`,
      headers: { cookie: admin },
      payload: { text: "Bonjour, je regarde votre commande." },
    });
    await page.getByRole("button", { name: "Ouvrir la discussion (1 nouveau message)" }).waitFor();
    // The button is the page's first stop for the keyboard.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => bubbles(page, "agent").allTextContents()).toEqual(["Bonjour, je regarde votre commande."]);
    await chat.getByRole("button", { name: "Fermer la discussion" }).click();
    await page.getByRole("button", { name: "Ouvrir la discussion", exact: true }).waitFor();
    await context.close();
    shop.close();
  });
});
