import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN, type Built, login } from "../integration/helpers.js";
import { buildWithChoices } from "../integration/providers/setup.js";
import { typeInto } from "./harness.js";

let built: Built;
let base: string;
let browser: Browser;

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 30_000 } } });
  built = await buildWithChoices({});
  await built.app.listen({ port: 0, host: "127.0.0.1" });
  const address = built.app.server.address();
  if (!address || typeof address === "string") throw new Error("the app does not listen");
  base = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-sync",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await built?.close();
});

const conversations = async () => {
  const { conversations: table } = built.app.store.tables;
  return built.app.store.read((db) => db.select().from(table).where(eq(table.channel, "webchat")));
};
const bubbles = (page: Page, role: string) => page.locator(`[data-role="${role}"]`);

describe("the web chat remembers", () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ locale: "fr-FR" });
  });
  afterAll(() => context.close());

  it("sends nothing for a visitor who only looks", async () => {
    const page = await context.newPage();
    for (let visit = 0; visit < 3; visit++) {
      await page.goto(`${base}/chat/choices`);
      await expect.poll(() => bubbles(page, "welcome").textContent()).toContain("Écrivez-nous votre question");
    }
    expect(await conversations()).toHaveLength(0);
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
    await page.close();

    // While the visitor is away, an agent takes the case and answers with a link.
    const [conversation] = await conversations();
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
    expect(await conversations()).toHaveLength(1);
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
