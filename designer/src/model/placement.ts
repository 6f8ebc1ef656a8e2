import type { FlowNode, Position } from "../../../schema/index.js";
import type { FlowDocument } from "./document.js";
import { NOTE_SIZE, nodeSize } from "./graph.js";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 24;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

const RINGS = 12;

/** What takes room on the canvas: placed nodes and sticky notes. */
function occupied(doc: FlowDocument): Box[] {
  const nodes = doc.flow.nodes.flatMap((node) => {
    const placed = doc.layout.nodes[node.id];
    return placed ? [{ ...placed, ...nodeSize(node) }] : [];
  });
  const notes = (doc.layout.notes ?? []).map((note) => ({
    x: note.x,
    y: note.y,
    width: note.width ?? NOTE_SIZE.width,
    height: note.height ?? NOTE_SIZE.height,
  }));
  return [...nodes, ...notes];
}

/**
 * `at`, or the nearest spot around it where a box of `size` covers no node or note already placed, so
 * that a new node or note lands in view and on its own. Candidates lie on a half-box grid, ring after ring.
 */
export function freeSpot(doc: FlowDocument, at: Position, size: { width: number; height: number }): Position {
  const boxes = occupied(doc);
  const free = (spot: Position) => !boxes.some((box) => overlaps({ ...spot, ...size }, box));
  const step = { x: size.width / 2, y: size.height / 2 };
  const distance = (spot: Position) => Math.hypot(spot.x - at.x, spot.y - at.y);
  for (let ring = 0; ring <= RINGS; ring++) {
    const candidates: Position[] = [];
    for (let i = -ring; i <= ring; i++)
      for (let j = -ring; j <= ring; j++)
        if (Math.max(Math.abs(i), Math.abs(j)) === ring)
          candidates.push({ x: at.x + i * step.x, y: at.y + j * step.y });
    const found = candidates.sort((a, b) => distance(a) - distance(b)).find(free);
    if (found) return { x: Math.round(found.x), y: Math.round(found.y) };
  }
  return { x: Math.round(at.x), y: Math.round(at.y) };
}

const NUDGE = 40;

/**
 * How far to shift pasted nodes from where they were copied: a little, so a copy sits beside its
 * original while that is in view; into the middle of the view otherwise (e.g. pasted into another flow).
 */
export function pasteOffset(positions: readonly Position[], view: Box): Position {
  const inView = (at: Position) =>
    at.x >= view.x && at.x < view.x + view.width && at.y >= view.y && at.y < view.y + view.height;
  if (positions.length === 0 || positions.some((at) => inView({ x: at.x + NUDGE, y: at.y + NUDGE })))
    return { x: NUDGE, y: NUDGE };
  const xs = positions.map((at) => at.x);
  const ys = positions.map((at) => at.y);
  const middle = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
  return {
    x: Math.round(view.x + view.width / 2 - middle.x),
    y: Math.round(view.y + view.height / 2 - middle.y),
  };
}

/**
 * Where to put nodes arriving together (pasted): shifted by `offset` from where they were, then moved as
 * one block to the nearest place where the block covers nothing already on the canvas.
 */
export function groupOffset(
  doc: FlowDocument,
  nodes: readonly FlowNode[],
  positions: Readonly<Record<string, Position>>,
  offset: Position,
): Position {
  const boxes = nodes.map((node) => ({ ...(positions[node.id] ?? { x: 0, y: 0 }), ...nodeSize(node) }));
  if (boxes.length === 0) return offset;
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const width = Math.max(...boxes.map((box) => box.x + box.width)) - left;
  const height = Math.max(...boxes.map((box) => box.y + box.height)) - top;
  const spot = freeSpot(doc, { x: left + offset.x, y: top + offset.y }, { width, height });
  return { x: spot.x - left, y: spot.y - top };
}
