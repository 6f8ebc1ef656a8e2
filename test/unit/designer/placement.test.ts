import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../designer/src/model/document.js";
import { NOTE_SIZE, nodeSize } from "../../../designer/src/model/graph.js";
import { freeSpot, groupOffset, pasteOffset } from "../../../designer/src/model/placement.js";
import { sampleFlow, sampleLayout } from "./sample-flow.js";

const doc = (): FlowDocument => ({ flow: sampleFlow(), layout: sampleLayout() });
const size = { width: 240, height: 96 };

describe("where new nodes land", () => {
  it("keeps a free spot as it is", () => {
    expect(freeSpot(doc(), { x: 2000.4, y: 10.6 }, size)).toEqual({ x: 2000, y: 11 });
  });

  it("moves a node that would cover another to the nearest spot where it covers none", () => {
    const d = doc();
    const tall = { width: 240, height: 200 };
    const at = { x: 620, y: 20 };
    const spot = freeSpot(d, at, tall);
    for (const node of d.flow.nodes) {
      const placed = d.layout.nodes[node.id] as { x: number; y: number };
      const other = nodeSize(node);
      const apart =
        spot.x >= placed.x + other.width ||
        placed.x >= spot.x + tall.width ||
        spot.y >= placed.y + other.height ||
        placed.y >= spot.y + tall.height;
      expect(apart, node.id).toBe(true);
    }
    // Nearest: no farther than the first ring of the half-node grid that clears `lookup` (600, 0).
    expect(Math.hypot(spot.x - at.x, spot.y - at.y)).toBeLessThanOrEqual(Math.hypot(tall.width, tall.height));
  });

  it("pastes beside the original while it is in view, in the middle of the view otherwise", () => {
    const view = { x: 0, y: 0, width: 1000, height: 800 };
    expect(pasteOffset([{ x: 100, y: 100 }], view)).toEqual({ x: 40, y: 40 });
    expect(pasteOffset([], view)).toEqual({ x: 40, y: 40 });
    const far = [
      { x: 5000, y: 3000 },
      { x: 5300, y: 3200 },
    ];
    const offset = pasteOffset(far, view);
    const moved = far.map((at) => ({ x: at.x + offset.x, y: at.y + offset.y }));
    expect(moved).toEqual([
      { x: 350, y: 300 },
      { x: 650, y: 500 },
    ]);
  });

  it("keeps a new note off the notes already there", () => {
    const d = doc();
    // The sample's note sits at (10, 400): a note asked for right there moves until it covers nothing.
    const spot = freeSpot(d, { x: 10, y: 400 }, NOTE_SIZE);
    expect(spot).not.toEqual({ x: 10, y: 400 });
    const apart =
      spot.x >= 10 + NOTE_SIZE.width ||
      spot.x + NOTE_SIZE.width <= 10 ||
      spot.y >= 400 + NOTE_SIZE.height ||
      spot.y + NOTE_SIZE.height <= 400;
    expect(apart).toBe(true);
  });

  it("moves pasted nodes as one block to where the block covers nothing", () => {
    const d = doc();
    const copied = d.flow.nodes.filter((node) => node.id === "lookup" || node.id === "agent");
    const offset = groupOffset(d, copied, d.layout.nodes, { x: 40, y: 40 });
    for (const node of copied) {
      const at = d.layout.nodes[node.id] as { x: number; y: number };
      const box = { x: at.x + offset.x, y: at.y + offset.y, ...nodeSize(node) };
      for (const other of d.flow.nodes) {
        const placed = d.layout.nodes[other.id] as { x: number; y: number };
        const size = nodeSize(other);
        const apart =
          box.x >= placed.x + size.width ||
          placed.x >= box.x + box.width ||
          box.y >= placed.y + size.height ||
          placed.y >= box.y + box.height;
        expect(apart, `${node.id} over ${other.id}`).toBe(true);
      }
    }
    // The block keeps its shape.
    expect(groupOffset(d, [], d.layout.nodes, { x: 40, y: 40 })).toEqual({ x: 40, y: 40 });
  });
});
