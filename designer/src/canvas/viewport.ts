import { type FitViewOptions, getViewportForBounds, type Viewport } from "@xyflow/react";
import type { Flow, Layout } from "../../../schema/index.js";
import { nodeSize } from "../model/graph.js";

/** The canvas draws node text at 12 px: below this zoom it drops under 11 px, too small to read. */
export const READABLE_ZOOM = 11 / 12;
const MARGIN = 40;
/** Along the bottom, the height of the minimap and the controls with their offsets. */
const BOTTOM_BAND = 180;

/**
 * How "fit view" and the opening view frame a whole flow. The minimap (150 px high, bottom right) and the
 * controls (bottom left) sit over the canvas, each 15 px off its edge: a node fitted into that band lies
 * under them, its handles out of reach. Keeping the flow above that band clears both corners with one side,
 * and costs a flow laid out left to right nothing: wider than tall, it is the canvas's width that sets its zoom.
 */
export const FIT_VIEW = {
  padding: { top: `${MARGIN}px`, right: `${MARGIN}px`, bottom: `${BOTTOM_BAND}px`, left: `${MARGIN}px` },
  // As the flow opens: a small flow fitted at 200 % reads no better and shows its steps bigger than ever after.
  maxZoom: 1,
} satisfies FitViewOptions;

/**
 * Where a flow opens: all of it when it fits at a readable zoom (never above 100 %, so a blank flow opens
 * at 100 %); otherwise at the smallest readable zoom, read from its start: the flow's first column at the
 * left edge, so that the pane shows the steps that follow the start rather than empty canvas before it,
 * and the start, or the whole flow when it is low enough, in the middle of the band above the minimap.
 */
export function openingViewport(flow: Flow, layout: Layout, pane: { width: number; height: number }): Viewport {
  const boxes = flow.nodes.flatMap((node) => {
    const at = layout.nodes[node.id];
    return at ? [{ id: node.id, type: node.type, ...at, ...nodeSize(node) }] : [];
  });
  if (boxes.length === 0) return { x: MARGIN, y: MARGIN, zoom: 1 };
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  const whole = getViewportForBounds(bounds, pane.width, pane.height, 0, FIT_VIEW.maxZoom, FIT_VIEW.padding);
  if (whole.zoom >= READABLE_ZOOM) return whole;
  const zoom = READABLE_ZOOM;
  const start = boxes.find((box) => box.type === "start") ?? (boxes[0] as (typeof boxes)[number]);
  // A flow with steps far left of its start (drawn right to left, or moved by hand) opens on the start.
  const firstColumn = (start.x + start.width - left) * zoom <= pane.width - 2 * MARGIN ? left : start.x;
  const band = pane.height - MARGIN - BOTTOM_BAND;
  const middle = (bottom - top) * zoom <= band ? (top + bottom) / 2 : start.y + start.height / 2;
  return { x: MARGIN - firstColumn * zoom, y: MARGIN + band / 2 - middle * zoom, zoom };
}
