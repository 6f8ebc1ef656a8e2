import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { ADMIN, type Harness, startHarness } from "./harness.js";

const artifacts = resolve(import.meta.dirname, "../artifacts");
let harness: Harness;
let page: Page;
/** What Chromium says when the page's Content-Security-Policy blocks something. */
const violations: string[] = [];

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(String(error)));
});
afterAll(async () => {
  await harness?.close();
});

describe("the app under its Content-Security-Policy", () => {
  it("runs the designer, Monaco included, with nothing blocked", async () => {
    const ui = designerPage(page, harness.baseUrl);
    ui.keepScreenshot("csp-designer");
    const response = await page.goto(harness.baseUrl);
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.locator('input[name="email"]').click();
    await page.keyboard.type(ADMIN.email);
    await page.locator('input[name="password"]').click();
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press("Enter");
    await page.locator("tr[data-flow]").first().waitFor();
    await ui.openFlow("order-status", "Suivi de commande");
    await ui.node("ask-order").waitFor();
    await ui.editorTab("Fichier").click();
    await page.locator(".raw .monaco-editor .view-lines", { hasText: '"order-status"' }).waitFor();
    await page.screenshot({ path: join(artifacts, "csp-designer.png") });
    expect(violations).toEqual([]);
  });

  it("runs the agent console with nothing blocked", async () => {
    await page.goto(`${harness.baseUrl}/agent`);
    await page.locator(".agent-console").waitFor();
    await page.screenshot({ path: join(artifacts, "csp-agent.png") });
    expect(violations).toEqual([]);
  });
});
