import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";
import { escalateOrder } from "./rest-customer.js";

const SHOTS = "/tmp/h14/shots";
const AGENT = { email: "alice@example.fr", name: "Alice", password: "alice-password-1", role: "agent" };

let harness: Harness;
const problems: string[] = [];

/** Camille writes on the web chat too, about the same order, from the same e-mail. */
async function webchatConversation(baseUrl: string) {
  const session = "camille-web-session-0001";
  let answer: { conversationId: string; status: string } | undefined;
  for (const [n, body] of [
    { text: "Bonjour" },
    { choiceId: "email" },
    { text: "camille.martin@example.fr" },
    { text: "CMD-100002" },
  ].entries()) {
    const response = await fetch(`${baseUrl}/api/channels/webchat/order-status/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session, messageId: `web-${n}`, ...body }),
    });
    if (response.status !== 200) throw new Error(`web chat: ${response.status} ${await response.text()}`);
    answer = (await response.json()) as { conversationId: string; status: string };
  }
  return answer!.conversationId;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness();
  harness.page.on("pageerror", (error) => problems.push(`script error ${error.message}`));
  harness.page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      problems.push(`console error ${message.text()}`);
    }
  });
});

afterAll(async () => {
  await harness?.close();
});

describe("finding conversations again in real Chromium", () => {
  let closedId: string;
  let webId: string;

  it("finds a closed conversation by its order number", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "search-order"));
    const { app } = harness;
    const admin = await app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
    const adminCookie = `relais_session=${admin.cookies.find((c) => c.name === "relais_session")?.value}`;
    await app.inject({ method: "POST", url: "/api/users", headers: { cookie: adminCookie }, payload: AGENT });
    const alice = await app.inject({ method: "POST", url: "/api/auth/login", payload: AGENT });
    const cookie = `relais_session=${alice.cookies.find((c) => c.name === "relais_session")?.value}`;
    closedId = await escalateOrder(harness.baseUrl, "+33611111111");
    for (const [action, payload] of [
      ["pick", undefined],
      ["resolve", { disposition: "info" }],
    ] as const) {
      const done = await app.inject({
        method: "POST",
        url: `/api/conversations/${closedId}/${action}`,
        headers: { cookie },
        ...(payload ? { payload } : {}),
      });
      expect(done.statusCode, done.body).toBe(200);
    }
    webId = await webchatConversation(harness.baseUrl);

    const page = harness.page;
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole("link", { name: "Rechercher" }).click();
    await typeInto(page.locator('input[name="q"]'), "CMD-100002");
    await page.selectOption('select[name="status"]', "closed");
    await page.getByRole("button", { name: "Chercher" }).click();
    await page.getByRole("status").filter({ hasText: "1 conversation trouvée" }).waitFor();
    const hit = page.locator(`li[data-hit="${closedId}"]`);
    await hit.locator(".pill", { hasText: "Close" }).waitFor();
    await hit.getByText("Camille Martin").waitFor();
    await hit.getByText("suivie par Alice").waitFor();
    await page.screenshot({ path: `${SHOTS}/search-order.png`, fullPage: true });
  });

  it("shows the customer's page with both conversations, on REST and the web chat, and what the bot collected", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "search-customer"));
    const page = harness.page;
    await page.locator(`li[data-hit="${closedId}"]`).getByRole("link", { name: "Historique du client" }).click();
    await page.getByRole("heading", { name: "Client : Camille Martin" }).waitFor();
    await page.getByRole("heading", { name: "2 conversations" }).waitFor();
    const rows = page.locator("li[data-history]");
    expect(await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-channel")).sort())).toEqual([
      "rest",
      "webchat",
    ]);
    const web = page.locator(`li[data-history="${webId}"]`);
    await web.locator("summary", { hasText: "Ce que le bot a recueilli" }).click();
    await web.locator('tr[data-variable="orderNumber"]', { hasText: "CMD-100002" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/search-customer.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
