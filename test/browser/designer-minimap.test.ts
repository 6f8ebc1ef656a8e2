import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage, viewportAtRest } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

const FLOW = "coins-du-schema";
/**
 * A 3×3 grid of steps, 1000×680 px at 100 %: in the canvas of the 1600×1000 window it opens whole, and
 * fitted with nothing kept free along the bottom, `m22`'s outgoing handle, on its right edge, lands under the minimap.
 */
const grid = ["start", "m01", "m02", "m10", "end", "m12", "m20", "m21", "m22"];
const chain = grid.filter((id) => id !== "end");
const flow = {
  $schema: "../schema/flow.schema.json",
  schemaVersion: 1,
  id: FLOW,
  name: "Coins du schéma",
  languages: ["fr"],
  nodes: [
    ...chain.map((id, index) =>
      id === "start"
        ? { id, type: "start", next: chain[1] }
        : { id, type: "message", text: "Bonjour", next: chain[index + 1] ?? "end" },
    ),
    { id: "end", type: "end" },
  ],
};
const layout = {
  $schema: "../schema/layout.schema.json",
  flow: FLOW,
  nodes: Object.fromEntries(grid.map((id, index) => [id, { x: (index % 3) * 380, y: Math.floor(index / 3) * 292 }])),
};

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  writeFileSync(join(harness.flowsDir, `${FLOW}.flow.json`), `${JSON.stringify(flow, null, 2)}\n`);
  writeFileSync(join(harness.flowsDir, `${FLOW}.layout.json`), `${JSON.stringify(layout, null, 2)}\n`);
  await ui.logIn();
  // The build inside the harness alone can take minutes on a machine shared with other builds.
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

type Box = { x: number; y: number; width: number; height: number };
const apart = (a: Box, b: Box) =>
  a.x >= b.x + b.width || b.x >= a.x + a.width || a.y >= b.y + b.height || b.y >= a.y + a.height;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** The handles a person cannot reach: off the canvas, or under the minimap or the controls. */
async function hiddenHandles(): Promise<string[]> {
  await viewportAtRest(page);
  const boxOf = async (selector: string) => (await page.locator(selector).boundingBox()) as Box;
  const pane = await boxOf(".react-flow__pane");
  const minimap = await boxOf(".react-flow__minimap");
  const controls = await boxOf(".react-flow__controls");
  const hidden: string[] = [];
  for (const handle of await page.locator(".react-flow__node .react-flow__handle").all()) {
    const box = (await handle.boundingBox()) as Box;
    const name = `${await handle.getAttribute("data-nodeid")}.${await handle.getAttribute("data-handleid")}`;
    if (!inside(box, pane)) hidden.push(`${name} off the canvas`);
    if (!apart(box, minimap)) hidden.push(`${name} under the minimap`);
    if (!apart(box, controls)) hidden.push(`${name} under the controls`);
  }
  return hidden;
}

describe("the corners of the canvas", () => {
  it("opens a flow, and fits it to view, with every handle clear of the minimap and the controls", async () => {
    ui.keepScreenshot("minimap-fit-view");
    await ui.openFlow(FLOW, "Coins du schéma");
    await ui.node("end").waitFor();
    // Opened whole: every step is drawn, the canvas drawing only what is in view.
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(flow.nodes.length);
    expect(await hiddenHandles()).toEqual([]);

    // Zoomed out, then back to the whole flow with the controls' "fit view".
    await page.locator(".react-flow__controls-zoomout").click();
    await page.locator(".react-flow__controls-zoomout").click();
    await page.locator(".react-flow__controls-fitview").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(flow.nodes.length);
    expect(await hiddenHandles()).toEqual([]);
  });
});
