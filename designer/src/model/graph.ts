import { applyNodeChanges, type Edge, type Node, type NodeChange, type NodeHandle, Position } from "@xyflow/react";
import {
  definitionOf,
  type Flow,
  type FlowNode,
  type Layout,
  type StickyNote,
  type Transition,
} from "../../../schema/index.js";
import { memoByObject } from "./memo-by-object.js";

/**
 * Marks the canvas shows on a node: where the simulator is, how the draft differs from live, and
 * which nodes no conversation test visits.
 */
export type NodeMark = "active" | "added" | "changed" | "untested";

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  transitions: Transition[];
  mark?: NodeMark;
  problem?: "error" | "warning";
}

export interface NoteData extends Record<string, unknown> {
  note: StickyNote;
}

export type FlowCanvasNode = Node<FlowNodeData, FlowNode["type"]>;
export type NoteCanvasNode = Node<NoteData, "note">;
export type CanvasNode = FlowCanvasNode | NoteCanvasNode;

/** Sticky notes share the canvas with nodes; their ids get a prefix a slug can never have. */
export const NOTE_PREFIX = "note:";
export const noteCanvasId = (noteId: string) => `${NOTE_PREFIX}${noteId}`;
export const isNoteId = (canvasId: string) => canvasId.startsWith(NOTE_PREFIX);
export const noteIdOf = (canvasId: string) => canvasId.slice(NOTE_PREFIX.length);

/** A sticky note's size when it has none of its own. */
export const NOTE_SIZE = { width: 200, height: 120 };

/** One edge per connected transition; its id says which handle of which node it comes from. */
export const edgeId = (source: string, handle: string) => `${source}>${handle}`;

export interface GraphExtras {
  marks?: ReadonlyMap<string, NodeMark>;
  problems?: ReadonlyMap<string, "error" | "warning">;
  selected?: ReadonlySet<string>;
}

const transitionsOf = memoByObject((node: FlowNode): Transition[] => definitionOf(node).transitions(node));

/** The React Flow view of a flow and its layout. Nodes without a position sit at the origin until laid out. */
export function toGraph(flow: Flow, layout: Layout, extras: GraphExtras = {}): { nodes: CanvasNode[]; edges: Edge[] } {
  const ids = new Set(flow.nodes.map((node) => node.id));
  const nodes: CanvasNode[] = [];
  const edges: Edge[] = [];
  for (const node of flow.nodes) {
    const transitions = transitionsOf(node);
    const data: FlowNodeData = { node, transitions };
    const mark = extras.marks?.get(node.id);
    if (mark) data.mark = mark;
    const problem = extras.problems?.get(node.id);
    if (problem) data.problem = problem;
    const size = nodeSize(node);
    nodes.push({
      id: node.id,
      type: node.type,
      position: layout.nodes[node.id] ?? { x: 0, y: 0 },
      data,
      selected: extras.selected?.has(node.id) ?? false,
      deletable: node.type !== "start",
      measured: { width: size.width + UNMEASURED, height: size.height + UNMEASURED },
      handles: estimatedHandles(node, transitions),
    });
    for (const transition of transitions) {
      if (transition.target === undefined || !ids.has(transition.target)) continue;
      edges.push({
        id: edgeId(node.id, transition.handle),
        source: node.id,
        sourceHandle: transition.handle,
        target: transition.target,
      });
    }
  }
  for (const note of layout.notes ?? []) {
    const id = noteCanvasId(note.id);
    nodes.push({
      id,
      type: "note",
      position: { x: note.x, y: note.y },
      data: { note },
      selected: extras.selected?.has(id) ?? false,
      width: note.width ?? NOTE_SIZE.width,
      height: note.height ?? NOTE_SIZE.height,
    });
  }
  return { nodes, edges };
}

const sameData = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

const sameNodeView = (a: CanvasNode, b: CanvasNode) =>
  a.type === b.type &&
  a.position.x === b.position.x &&
  a.position.y === b.position.y &&
  a.selected === b.selected &&
  a.deletable === b.deletable &&
  a.width === b.width &&
  a.height === b.height &&
  sameData(a.data, b.data);

/**
 * The canvas nodes of `next`, keeping what React Flow knows of those already shown: a node that looks the
 * same stays the same object (React Flow skips it), and a changed one keeps its measured size. Without
 * that size React Flow hides the node until it measures it again, which it may never do when the size
 * did not change: the canvas went blank while a label was typed.
 */
export function keepViewState(next: CanvasNode[], current: CanvasNode[]): CanvasNode[] {
  return keepShown(next, current, (old, node) => {
    if (sameNodeView(old, node) && !old.dragging) return old;
    // Not drawn yet: the fresh estimates stand. Drawn: React Flow's measures stand.
    return old.handles || !old.measured ? node : drawn({ ...node, measured: old.measured } as CanvasNode);
  });
}

/** The edges of `next`, keeping the objects (and the selection) of those already shown. */
export function keepEdgeState(next: Edge[], current: Edge[]): Edge[] {
  return keepShown(next, current, (old, edge) => {
    if (old.source === edge.source && old.target === edge.target && old.sourceHandle === edge.sourceHandle) return old;
    return old.selected ? { ...edge, selected: true } : edge;
  });
}

/**
 * `next`, each item passed through `keep` with the item of the same id in `current`; `current` itself when
 * every item is kept as it was, so that an edit which changes nothing React Flow shows (a keystroke in a
 * label, for the edges) leaves its lookups alone: rebuilding them costs tens of milliseconds on a
 * 1,000-node flow. Items mostly keep their place, so ids are looked up by position first.
 */
function keepShown<Item extends { id: string }>(
  next: Item[],
  current: Item[],
  keep: (old: Item, fresh: Item) => Item,
): Item[] {
  let byId: Map<string, Item> | undefined;
  let same = next.length === current.length;
  const kept = next.map((item, index) => {
    let old = current[index];
    if (old?.id !== item.id) {
      byId ??= new Map(current.map((shown) => [shown.id, shown]));
      old = byId.get(item.id);
    }
    const result = old ? keep(old, item) : item;
    if (result !== current[index]) same = false;
    return result;
  });
  return same ? current : kept;
}

/**
 * Where a node's handles should be before it is first drawn. React Flow draws every node it has not
 * measured, visible or not, to find its handles: on a 1,000-node flow that first drawing of every node
 * was most of the opening. Given a size and handles, it draws only the nodes in view. The estimated size
 * is off by half a pixel, which no element measures, so React Flow measures each node (and its
 * handles) when it first draws it; from then on the node carries no `handles`, because React Flow takes
 * given handles over measured ones each time a node object changes.
 */
function estimatedHandles(node: FlowNode, transitions: Transition[]): NodeHandle[] {
  const { width, height } = nodeSize(node);
  const side = HANDLE_SIZE / 2;
  const handles: NodeHandle[] = transitions.map((transition, index) => ({
    id: transition.handle,
    type: "source",
    position: Position.Right,
    x: width - side,
    y: NODE_TOP_HEIGHT + HANDLE_ROW_HEIGHT * index + HANDLE_ROW_HEIGHT / 2 - side,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
  if (node.type !== "start")
    handles.push({
      id: null,
      type: "target",
      position: Position.Left,
      x: -side,
      y: height / 2 - side,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  return handles;
}

const UNMEASURED = 0.5;

/** `applyNodeChanges` for the canvas: a node React Flow has measured drops its estimated handles. */
export function applyCanvasChanges(changes: NodeChange<CanvasNode>[], nodes: CanvasNode[]): CanvasNode[] {
  const measured = new Set(changes.flatMap((change) => (change.type === "dimensions" ? [change.id] : [])));
  const applied = applyNodeChanges(changes, nodes);
  return measured.size === 0 ? applied : applied.map((node) => (measured.has(node.id) ? drawn(node) : node));
}

/** A node as React Flow measured it: no estimated handles to take over the measured ones. */
function drawn(node: CanvasNode): CanvasNode {
  if (!node.handles) return node;
  const { handles: _estimated, ...rest } = node;
  return rest as CanvasNode;
}

/** Ids of the flow's nodes that the layout does not place. */
export const unplacedNodes = (flow: Flow, layout: Layout): string[] =>
  flow.nodes.filter((node) => layout.nodes[node.id] === undefined).map((node) => node.id);

/** The on-canvas size elk reserves for a node: taller with each outgoing handle. */
export function nodeSize(node: FlowNode): { width: number; height: number } {
  return { width: 240, height: NODE_TOP_HEIGHT + HANDLE_ROW_HEIGHT * transitionsOf(node).length };
}

/** The height of a node's title and summary, above its rows of outgoing handles. */
const NODE_TOP_HEIGHT = 72;
const HANDLE_ROW_HEIGHT = 24;
const HANDLE_SIZE = 10;
