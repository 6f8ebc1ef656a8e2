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

  it("opens a flow too big to read whole at a readable zoom, from its first column, the start in the band", async () => {
    const flow = generatedFlow(200);
    const layout = await autoLayout(flow, { flow: flow.id, nodes: {} });
    const view = openingViewport(flow, layout, pane);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(READABLE_ZOOM * 12).toBeGreaterThanOrEqual(11);
    const start = layout.nodes.start as { x: number; y: number };
    const left = Math.min(...Object.values(layout.nodes).map((at) => at.x));
    // The flow's first column at the margin: no empty canvas before the start, the steps after it in view.
    expect(left * view.zoom + view.x).toBeCloseTo(40);
    expect(start.x * view.zoom + view.x).toBeGreaterThanOrEqual(40);
    // The start's middle in the middle of the band above the minimap and the controls.
    const height = nodeSize(flow.nodes.find((node) => node.type === "start") as (typeof flow.nodes)[number]).height;
    expect((start.y + height / 2) * view.zoom + view.y).toBeCloseTo((pane.height - 180 + 40) / 2);
  });

  it("opens on the start itself when steps lie far left of it", async () => {
    const flow = generatedFlow(200);
    const layout = await autoLayout(flow, { flow: flow.id, nodes: {} });
    const start = layout.nodes.start as { x: number; y: number };
    const far = Object.keys(layout.nodes).find((id) => id !== "start") as string;
    const moved = { ...layout, nodes: { ...layout.nodes, [far]: { x: start.x - 5_000, y: start.y } } };
    const view = openingViewport(flow, moved, pane);
    expect(start.x * view.zoom + view.x).toBeCloseTo(40);
  });

  it("centres a wide but low flow in the band rather than on its start", () => {
    const flow = sampleFlow();
    // The same steps spread in one row, far apart: too wide to read whole, low enough to show in height.
    const row = Object.fromEntries(flow.nodes.map((node, index) => [node.id, { x: index * 900, y: index * 10 }]));
    const view = openingViewport(flow, { ...sampleLayout(), nodes: row }, pane);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const tops = flow.nodes.map((_, index) => index * 10 * view.zoom + view.y);
    const bottoms = flow.nodes.map((node, index) => (index * 10 + nodeSize(node).height) * view.zoom + view.y);
    expect(Math.min(...tops) - 40).toBeCloseTo(pane.height - 180 - Math.max(...bottoms));
  });
});
