import ElkModule from "elkjs/lib/elk.bundled.js";
import { definitionOf, type Flow, type Layout } from "../../../schema/index.js";
import { nodeSize } from "./graph.js";

// elkjs is CommonJS: bundlers hand over the constructor itself, TypeScript's NodeNext view expects `.default`.
type ElkConstructor = typeof ElkModule.default;
const ELK: ElkConstructor =
  (ElkModule as unknown as { default?: ElkConstructor }).default ?? (ElkModule as unknown as ElkConstructor);
const elk = new ELK();

const options = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.layered.spacing.nodeNodeBetweenLayers": "90",
  "elk.spacing.nodeNode": "40",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  // Siblings keep the order they have in the file, so a re-layout does not shuffle branches around.
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

/** The start node heads the first column: a reader finds where the conversation begins on the left. */
const startFirst = { "elk.layered.layering.layerConstraint": "FIRST_SEPARATE" };

/** Positions of every node as elk's layered algorithm places them, left to right from the start node. */
export async function elkPositions(flow: Flow): Promise<Map<string, { x: number; y: number }>> {
  const ids = new Set(flow.nodes.map((node) => node.id));
  const graph = await elk.layout({
    id: "root",
    layoutOptions: options,
    children: flow.nodes.map((node) => ({
      id: node.id,
      ...nodeSize(node),
      ...(node.type === "start" ? { layoutOptions: startFirst } : {}),
    })),
    edges: flow.nodes.flatMap((node) =>
      definitionOf(node)
        .transitions(node)
        .filter((transition) => transition.target !== undefined && ids.has(transition.target))
        .map((transition) => ({
          id: `${node.id}>${transition.handle}`,
          sources: [node.id],
          targets: [transition.target as string],
        })),
    ),
  });
  return new Map((graph.children ?? []).map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0 }]));
}

/**
 * The layout with positions for nodes it does not place (or for every node when `all`).
 * Only the layout changes: the flow is never touched. A newly placed node keeps elk's offset from a
 * neighbour that already has a position, so it lands next to what it is connected to.
 */
export async function autoLayout(flow: Flow, layout: Layout, all = false): Promise<Layout> {
  const missing = flow.nodes.filter((node) => all || layout.nodes[node.id] === undefined).map((node) => node.id);
  const known = Object.fromEntries(
    Object.entries(layout.nodes).filter(([id]) => flow.nodes.some((node) => node.id === id)),
  );
  if (missing.length === 0) return { ...layout, nodes: known };
  const placed = await elkPositions(flow);
  const nodes: Layout["nodes"] = all ? {} : { ...known };
  if (all || Object.keys(known).length === 0) {
    for (const id of missing) nodes[id] = rounded(placed.get(id));
    return { ...layout, nodes };
  }
  const neighbours = neighboursOf(flow);
  const right = Math.max(...Object.values(known).map((position) => position.x)) + 320;
  const top = Math.min(...Object.values(known).map((position) => position.y));
  const minX = Math.min(...missing.map((id) => placed.get(id)?.x ?? 0));
  const minY = Math.min(...missing.map((id) => placed.get(id)?.y ?? 0));
  for (const id of missing) {
    const own = placed.get(id) ?? { x: 0, y: 0 };
    const anchor = (neighbours.get(id) ?? []).find((other) => nodes[other] !== undefined);
    const anchorAt = anchor === undefined ? undefined : nodes[anchor];
    const anchorElk = anchor === undefined ? undefined : placed.get(anchor);
    nodes[id] =
      anchorAt && anchorElk
        ? rounded({ x: anchorAt.x + own.x - anchorElk.x, y: anchorAt.y + own.y - anchorElk.y })
        : rounded({ x: right + own.x - minX, y: top + own.y - minY });
  }
  return { ...layout, nodes };
}

function neighboursOf(flow: Flow): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const link = (a: string, b: string) => map.set(a, [...(map.get(a) ?? []), b]);
  for (const node of flow.nodes) {
    for (const transition of definitionOf(node).transitions(node)) {
      if (transition.target === undefined) continue;
      link(transition.target, node.id);
      link(node.id, transition.target);
    }
  }
  return map;
}

const rounded = (position: { x: number; y: number } | undefined) => ({
  x: Math.round(position?.x ?? 0),
  y: Math.round(position?.y ?? 0),
});
