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
 * A page opened by `open` while its read (`request`) is refused as by a server out of reach: the page
 * says so and offers to read again, and reading again once the server answers shows `loaded`.
 */
async function refusedThenRead(
  name: string,
  open: () => Promise<void>,
  request: string,
  loaded: string,
  /** What the page must not offer while it has not read its data. */
  withheld?: string,
) {
  onTestFailed(() => screenshotOnFailure(page, `load-failure-${name}`));
  await page.route(request, (route) => route.abort("connectionrefused"));
  try {
    await open();
    const alert = page.getByRole("alert").filter({ hasText: "Le serveur est injoignable" });
    await alert.waitFor();
    expect(await page.locator(loaded).count()).toBe(0);
    if (withheld) expect(await page.locator(withheld).count()).toBe(0);
  } finally {
    await page.unroute(request);
  }
  await page.getByRole("alert").getByRole("button", { name: "Réessayer" }).click();
  await page.locator(loaded).first().waitFor();
  await page.getByRole("alert").filter({ hasText: "Le serveur est injoignable" }).waitFor({ state: "detached" });
}

/** The admin's page behind the top bar's `link`, from the flows list. */
const fromTopBar = (link: string) => async () => {
  await page.goto(`${harness.baseUrl}/#/`);
  await page.locator("tr[data-flow]").first().waitFor();
  await page.locator("nav.console-links a", { hasText: link }).click();
};

describe("a page whose data could not be read", () => {
  it("the queues page says so and reads the queues again", async () => {
    // Its new queue's form waits for the queues too: an id it cannot see taken would be refused.
    await refusedThenRead(
      "queues",
      fromTopBar("Files"),
      "**/api/queue-settings",
      "details.queue-settings summary .muted",
      'details.queue-settings summary:has-text("Nouvelle file")',
    );
  });

  it("the team page says so and reads the team again", async () => {
    // Its invite form waits for the team too: it would offer no queue to work.
    await refusedThenRead(
      "team",
      fromTopBar("Équipe"),
      "**/api/users",
      "table.admin-table tbody tr",
      "form.admin-form",
    );
  });

  it("the channels page says so and reads the channels again", async () => {
    await refusedThenRead("channels", fromTopBar("Canaux"), "**/api/channel-settings", "section.channel-settings");
  });

  it("a customer's page says so and reads their history again", async () => {
    const sent = await harness.app.inject({
      method: "POST",
      url: "/api/channels/rest/messages",
      payload: { flowId: "triage", from: "+33622222222", messageId: "load-failure-1", text: "Bonjour" },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const { conversationId } = sent.json() as { conversationId: string };
    await refusedThenRead(
      "customer",
      () => page.goto(`${harness.baseUrl}/#/customer/${conversationId}`).then(() => undefined),
      "**/customer-history",
      ".customer-page h1",
    );
  });

  it("the agent console says so and reads the queues again", async () => {
    await refusedThenRead(
      "agent-console",
      () => page.goto(`${harness.baseUrl}/#/agent`).then(() => undefined),
      "**/api/queues",
      ".agent-queues li[data-queue]",
    );
  });

  it("keeps saying so, without a blink, while reading again fails", async () => {
    onTestFailed(() => screenshotOnFailure(page, "load-failure-steady"));
    let refused = 0;
    await page.route("**/api/queue-settings", (route) => {
      refused += 1;
      return route.abort("connectionrefused");
    });
    try {
      await fromTopBar("Files")();
      const alert = page.getByRole("alert").filter({ hasText: "Le serveur est injoignable" });
      await alert.waitFor();
      // Counts every time the words leave the page (a read that clears them while it runs).
      await page.evaluate(() => {
        const seen = window as unknown as { alertsGone: number };
        seen.alertsGone = 0;
        new MutationObserver((changes) => {
          for (const change of changes)
            for (const node of change.removedNodes)
              if (node instanceof HTMLElement && node.matches('[role="alert"]')) seen.alertsGone += 1;
        }).observe(document.body, { childList: true, subtree: true });
      });
      const before = refused;
      await alert.getByRole("button", { name: "Réessayer" }).click();
      await expect.poll(() => refused).toBeGreaterThan(before);
      await alert.waitFor();
      expect(await page.evaluate(() => (window as unknown as { alertsGone: number }).alertsGone)).toBe(0);
    } finally {
      await page.unroute("**/api/queue-settings");
    }
  });

  it("the agent console says so when its canned responses could not be read, and reads them again", async () => {
    // The reply box would offer none, as if the team had written none.
    await refusedThenRead(
      "agent-console-canned",
      // Loaded afresh: the console reads them once, and may be open from another test.
      async () => {
        await page.goto(`${harness.baseUrl}/#/agent`);
        await page.reload();
      },
      "**/api/canned-responses",
      ".agent-queues li[data-queue]",
    );
  });
});
