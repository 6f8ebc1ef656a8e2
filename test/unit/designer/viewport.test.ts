import { describe, expect, it } from "vitest";
import { openingViewport, READABLE_ZOOM } from "../../../designer/src/canvas/viewport.js";
import { autoLayout } from "../../../designer/src/model/auto-layout.js";
import { nodeSize } from "../../../designer/src/model/graph.js";
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

  it("leaves a flow it shows whole clear of the minimap and the controls, in the band along the bottom", () => {
    // Lower than the flow is wide: without the band kept free, the flow would sit in the middle, over it.
    const low = { width: 1200, height: 600 };
    const layout = sampleLayout();
    const view = openingViewport(sampleFlow(), layout, low);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    for (const node of sampleFlow().nodes) {
      const at = layout.nodes[node.id] as { x: number; y: number };
      const { width, height } = nodeSize(node);
      expect(at.x * view.zoom + view.x).toBeGreaterThanOrEqual(40);
      expect(at.y * view.zoom + view.y).toBeGreaterThanOrEqual(40);
      expect((at.x + width) * view.zoom + view.x).toBeLessThanOrEqual(low.width - 40);
      expect((at.y + height) * view.zoom + view.y).toBeLessThanOrEqual(low.height - 180);
    }
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
