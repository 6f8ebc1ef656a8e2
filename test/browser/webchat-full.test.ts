import { rmSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { crmEnv, dirWithLookupFlow, hangingCrm } from "../integration/hanging-crm.js";
import { type Built, build } from "../integration/helpers.js";

let built: Built;
let base: string;
let dir: string;
let browser: Browser;
let crm: Awaited<ReturnType<typeof hangingCrm>>;

beforeAll(async () => {
  vi.setConfig({ expect: { poll: { timeout: 30_000 } } });
  crm = await hangingCrm();
  dir = dirWithLookupFlow();
  built = await build({ ...crmEnv(crm.url), RELAIS_MAX_IN_FLIGHT: "1" }, { keepDir: dir });
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
  await crm?.close();
  await built?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rest = (from: string, messageId: string, text: string) =>
  fetch(`${base}/api/channels/rest/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ flowId: "lookup", from, messageId, text }),
  });

describe("the web chat while Relais is full", () => {
  it("waits as long as the refusal asks before sending again, then shows the answer", async () => {
    // A customer waits on a CRM that does not answer and their next message waits behind: the process,
    // which takes one message at a time here, is full.
    crm.hold();
    const held = [rest("held", "held-0", "Bonjour")];
    await crm.waitingFor(1);
    held.push(rest("held", "held-1", "suite"));
    await expect
      .poll(async () => (await fetch(`${base}/api/channels/webchat/echo/messages`, { method: "POST" })).status)
      .toBe(503);

    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.clock.install();
    const sent: string[] = [];
    const refused: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/messages")) sent.push(request.url());
    });
    page.on("response", (response) => {
      if (response.status() === 503) refused.push(response.headers()["retry-after"] ?? "");
    });
    await page.goto(`${base}/chat/echo`);
    const input = page.getByRole("textbox", { name: "Votre message" });
    await input.click();
    await page.keyboard.type("Bonjour");
    await page.keyboard.press("Enter");
    await expect.poll(() => refused).toEqual(["1"]);

    // Not before the second the refusal asked for, though the widget's own first wait is half of it.
    await page.clock.runFor(900);
    expect(sent).toHaveLength(1);
    crm.release();
    for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);
    await page.clock.runFor(700);
    await expect.poll(() => sent.length).toBe(2);
    await expect.poll(() => page.locator('[data-role="bot"]').last().textContent()).toBe("Dites quelque chose");
    await context.close();
  });
});
