import { describe, expect, it } from "vitest";
import { openingViewport, READABLE_ZOOM } from "../../../designer/src/canvas/viewport.js";
import { autoLayout } from "../../../designer/src/model/auto-layout.js";
import { generatedFlow } from "../../bench/designer-500.js";
import { sampleFlow, sampleLayout } from "./sample-flow.js";

const pane = { width: 1200, height: 800 };

describe("where a flow opens", () => {
  it("shows a flow that fits whole, never above 100 %", () => {
    const blank = { ...sampleFlow(), nodes: sampleFlow().nodes.slice(0, 1) };
    expect(openingViewport(blank, sampleLayout(), pane).zoom).toBe(1);
    const view = openingViewport(sampleFlow(), sampleLayout(), pane);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(view.zoom).toBeLessThanOrEqual(1);
  });

  it("opens a flow too big to read whole on its start, at a readable zoom", async () => {
    const flow = generatedFlow(200);
    const layout = await autoLayout(flow, { flow: flow.id, nodes: {} });
    const view = openingViewport(flow, layout, pane);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const start = layout.nodes.start as { x: number; y: number };
    // The start node's middle lands in the pane's middle.
    expect(start.x * view.zoom + view.x + 120 * view.zoom).toBeCloseTo(pane.width / 2);
    expect(READABLE_ZOOM * 12).toBeGreaterThanOrEqual(11);
  });
});
