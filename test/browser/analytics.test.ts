import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { designerPage, viewportAtRest } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

/** A customer's conversation with the live `triage` flow through the REST channel. */
async function converse(from: string, texts: string[]) {
  for (const [index, text] of texts.entries()) {
    const response = await harness.app.inject({
      method: "POST",
      url: "/api/channels/rest/messages",
      payload: { flowId: "triage", from, messageId: `${from}-${index}`, text },
      remoteAddress: "127.0.0.1",
    });
    expect(response.statusCode, response.body).toBe(200);
  }
}

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  // Forty days ago, two customers wanted their address changed and one left after hello.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() - 40 * 86_400_000);
  for (const n of [1, 2]) await converse(`+3361100001${n}`, ["Bonjour", "changer mon adresse"]);
  await converse("+33611000013", ["Bonjour"]);
  vi.useRealTimers();
  // Today, three want their address changed, two have only said hello.
  for (const n of [1, 2, 3]) await converse(`+3361100000${n}`, ["Bonjour", "changer mon adresse"]);
  for (const n of [4, 5]) await converse(`+3361100000${n}`, ["Bonjour"]);
  await ui.logIn();
  // The build inside the harness alone can take minutes on a machine shared with other builds.
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

describe("the canvas's analytics mode", () => {
  it("colours the live version by reach and reads each step's count, on the node and on hover", async () => {
    ui.keepScreenshot("analytics-canvas");
    await ui.openFlow("triage", "Accueil et orientation");
    await ui.editorTab("Statistiques").click();
    await expect.poll(() => page.locator(".analytics-bar select").first().inputValue()).toBe("1");
    const contact = ui.node("handoff-contact");
    await expect.poll(() => contact.locator(".reach-badge").textContent()).toBe("3 conversations");
    await expect.poll(() => ui.node("greet").locator(".reach-badge").textContent()).toBe("5 conversations");
    await expect.poll(() => ui.edge("ask-intent>intent:update_contact").textContent()).toBe("3");
    // The busier step is drawn darker.
    const shade = (id: string) =>
      ui
        .node(id)
        .locator(".flow-node")
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await shade("greet")).not.toBe(await shade("handoff-contact"));

    await viewportAtRest(page);
    await contact.hover();
    const card = contact.getByRole("tooltip");
    await expect.poll(() => card.textContent()).toContain("60 % des conversations");

    const panel = page.locator(".analytics-panel");
    await expect.poll(() => panel.locator('tr[data-figure="started"] td').textContent()).toBe("5");
    await expect.poll(() => panel.locator('tr[data-figure="handedOver"] td').textContent()).toBe("3 (60 %)");
    await expect
      .poll(() => panel.locator('tr[data-rule="handoff-contact"] th').textContent())
      .toBe("Étape de transfert « handoff-contact »");
    await expect.poll(() => panel.locator("figure.chart").count()).toBe(2);
  });

  it("speaks English when switched, and reads a longer period chosen in the toolbar, drop-off marked", async () => {
    ui.keepScreenshot("analytics-english");
    await page.selectOption('select[aria-label="Langue de l\'interface"]', "en");
    await expect.poll(() => page.locator(".analytics-panel").textContent()).toContain("Handed to a person");
    expect(await ui.node("ask-intent").locator(".drop-off-badge").count()).toBe(0);
    await page.selectOption(".analytics-bar select >> nth=1", "90");
    await expect.poll(() => ui.node("handoff-contact").locator(".reach-badge").textContent()).toBe("5 conversations");
    await expect.poll(() => ui.node("greet").locator(".reach-badge").textContent()).toBe("8 conversations");
    await expect
      .poll(() => ui.node("ask-intent").locator(".drop-off-badge").textContent())
      .toBe("⤓ 1 dropped off here");
    await expect
      .poll(() => page.locator('.analytics-panel tr[data-figure="abandoned"] td').textContent())
      .toBe("1 (12.5%)");
  });
});
