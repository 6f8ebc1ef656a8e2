import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { crmEnv, dirWithLookupFlow, hangingCrm } from "../integration/hanging-crm.js";
import { type Built, build, listenOnLoopback } from "../integration/helpers.js";
import { launchChromium } from "./harness.js";

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
  base = await listenOnLoopback(built.app);
  browser = await launchChromium();
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

/**
 * Fills the process, which takes one message at a time here: `customer` waits on the CRM, which does not
 * answer, and their next message waits behind. Resolves with their two answers once the CRM lets go.
 */
async function fill(customer: string) {
  crm.hold();
  const held = [rest(customer, `${customer}-0`, "Bonjour")];
  await crm.waitingFor(1);
  held.push(rest(customer, `${customer}-1`, "suite"));
  await expect
    .poll(async () => (await fetch(`${base}/api/channels/webchat/echo/messages`, { method: "POST" })).status)
    .toBe(503);
  return held;
}

/** What the widget did, in the page's clock, which the test drives: each send of a message and its answer. */
interface Sent {
  at: number;
  status?: number;
  retryAfter?: string | null;
}

/** A visitor on the web chat page, the page's clock in the test's hands and the widget's sends noted. */
async function visitor() {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await page.clock.install();
  await page.addInitScript(() => {
    const sends: { at: number; status?: number; retryAfter?: string | null }[] = [];
    Object.assign(window, { sends });
    const send = window.fetch.bind(window);
    window.fetch = async (...args) => {
      const url = String(args[0] instanceof Request ? args[0].url : args[0]);
      if (!url.endsWith("/messages")) return send(...args);
      const noted: (typeof sends)[number] = { at: Date.now() };
      sends.push(noted);
      const response = await send(...args);
      noted.status = response.status;
      noted.retryAfter = response.headers.get("retry-after");
      return response;
    };
  });
  await page.goto(`${base}/chat/echo`);
  const input = page.getByRole("textbox", { name: "Votre message" });
  const sends = () => page.evaluate(() => (window as unknown as { sends: Sent[] }).sends);
  /** Lets the page's time run, a little at a time, until `done` holds of the sends. */
  const runUntil = (done: (sent: Sent[]) => boolean) =>
    expect
      .poll(async () => {
        await page.clock.runFor(250);
        return done(await sends());
      })
      .toBe(true);
  return { context, page, input, sends, runUntil };
}

describe("the web chat while Relais is full", () => {
  it("waits as long as the refusal asks before sending again, then shows the answer", async () => {
    const held = await fill("held");
    const { context, page, input, sends, runUntil } = await visitor();
    await input.click();
    await page.keyboard.type("Bonjour");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await sends())[0]?.status).toBe(503);
    crm.release();
    for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);

    await runUntil((sent) => sent.at(-1)?.status === 200);
    const sent = await sends();
    expect(sent[0]?.retryAfter).toBe("1");
    // Each try not before the second the refusal before it asked for, though the widget's own first wait
    // is half of it. The page's time runs on meanwhile: the CRM may let go after a second try.
    for (let n = 1; n < sent.length; n++)
      expect((sent[n] as Sent).at - (sent[n - 1] as Sent).at).toBeGreaterThanOrEqual(1000);
    await expect.poll(() => page.locator('[data-role="bot"]').last().textContent()).toBe("Dites quelque chose");
    await context.close();
  });

  it("says Relais is busy after its last try, and gives back what the visitor wrote", async () => {
    const held = await fill("busy");
    const { context, page, input, sends, runUntil } = await visitor();
    await input.click();
    await page.keyboard.type("Où en est ma commande ?");
    await page.keyboard.press("Enter");
    await runUntil((sent) => sent.length === 5 && sent.every((each) => each.status === 503));
    const notice = page.locator('[data-role="system"]').last();
    await expect.poll(() => notice.textContent()).toContain("Nous sommes très sollicités");
    expect(await input.inputValue()).toBe("Où en est ma commande ?");
    await page.clock.runFor(60_000);
    expect(await sends()).toHaveLength(5);

    // Room again: one key sends it.
    crm.release();
    for (const answer of await Promise.all(held)) expect(answer.status).toBe(200);
    await input.click();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator('[data-role="bot"]').last().textContent()).toBe("Dites quelque chose");
    expect(await input.inputValue()).toBe("");
    await context.close();
  });
});
