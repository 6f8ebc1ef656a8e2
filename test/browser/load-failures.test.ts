import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, screenshotOnFailure, startHarness } from "./harness.js";

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

/**
 * The admin's page `link` opened while its read (`request`) is refused as by a server out of reach: the
 * page says so and offers to read again, and reading again once the server answers shows `loaded`.
 */
async function refusedThenRead(link: string, request: string, loaded: string) {
  onTestFailed(() => screenshotOnFailure(page, `load-failure-${link}`));
  await page.goto(`${harness.baseUrl}/#/`);
  await page.locator("tr[data-flow]").first().waitFor();
  await page.route(request, (route) => route.abort("connectionrefused"));
  try {
    await page.locator("nav.console-links a", { hasText: link }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Le serveur est injoignable" });
    await alert.waitFor();
    expect(await page.locator(loaded).count()).toBe(0);
  } finally {
    await page.unroute(request);
  }
  await page.getByRole("alert").getByRole("button", { name: "Réessayer" }).click();
  await page.locator(loaded).first().waitFor();
  await page.getByRole("alert").filter({ hasText: "Le serveur est injoignable" }).waitFor({ state: "detached" });
}

describe("an admin page whose data could not be read", () => {
  it("the queues page says so and reads the queues again", async () => {
    await refusedThenRead("Files", "**/api/queue-settings", "details.queue-settings summary .muted");
  });

  it("the team page says so and reads the team again", async () => {
    await refusedThenRead("Équipe", "**/api/users", "table.admin-table tbody tr");
  });

  it("the channels page says so and reads the channels again", async () => {
    await refusedThenRead("Canaux", "**/api/channel-settings", "section.channel-settings");
  });
});
