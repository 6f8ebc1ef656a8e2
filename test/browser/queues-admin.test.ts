import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  await designerPage(page, harness.baseUrl).logIn();
});
afterAll(async () => {
  await harness?.close();
});

describe("the queues page", () => {
  it("creates a new queue, and refuses one whose id is taken, leaving that queue's settings as they were", async () => {
    onTestFailed(() => screenshotOnFailure(page, "queues-admin"));
    await page.goto(`${harness.baseUrl}/#/`);
    await page.locator("tr[data-flow]").first().waitFor();
    await page.locator("nav.console-links a", { hasText: "Files" }).click();
    const support = page.locator("details.queue-settings", { hasText: "(support)" });
    await support.waitFor();
    const supportSla = (await support.locator("summary").textContent())?.match(/(\d+) min/)?.[0] ?? "";
    const fresh = page.locator("details.queue-settings", {
      has: page.locator("summary", { hasText: "Nouvelle file" }),
    });
    await fresh.locator("summary").click();
    await fresh.getByLabel("Niveau").waitFor();
    await typeInto(fresh.locator('input[name="queue-id"]'), "support");
    await typeInto(fresh.locator('input[name="queue-name"]'), "Support bis");
    await typeInto(fresh.locator('input[name="queue-sla"]'), "5");
    await fresh.locator('button[type="submit"]').click();
    await fresh
      .getByText(
        "Une file « support » existe déjà : modifiez-la dans ses propres réglages, ou choisissez un autre identifiant.",
      )
      .waitFor();

    await typeInto(fresh.locator('input[name="queue-id"]'), "retours");
    await fresh.locator('button[type="submit"]').click();
    await page.locator("details.queue-settings summary", { hasText: "Support bis (retours)" }).waitFor();
    // Read again with the new queue: the one of the taken id is as it was.
    expect(supportSla).toMatch(/^\d+ min$/);
    await support.locator("summary", { hasText: `Support (support)` }).waitFor();
    expect(await support.locator("summary").textContent()).toContain(supportSla);
    await page.screenshot({ path: "/tmp/zz-queues.png", fullPage: true });
  });
});
