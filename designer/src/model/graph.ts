import type { Edge, Node } from "@xyflow/react";
import {
  definitionOf,
  type Flow,
  type FlowNode,
  type Layout,
  type StickyNote,
  type Transition,
} from "../../../schema/index.js";

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

/** One edge per connected transition; its id says which handle of which node it comes from. */
export const edgeId = (source: string, handle: string) => `${source}>${handle}`;

export interface GraphExtras {
  marks?: ReadonlyMap<string, NodeMark>;
  problems?: ReadonlyMap<string, "error" | "warning">;
  selected?: ReadonlySet<string>;
}

/** The React Flow view of a flow and its layout. Nodes without a position sit at the origin until laid out. */
export function toGraph(flow: Flow, layout: Layout, extras: GraphExtras = {}): { nodes: CanvasNode[]; edges: Edge[] } {
  const ids = new Set(flow.nodes.map((node) => node.id));
  const nodes: CanvasNode[] = [];
  const edges: Edge[] = [];
  for (const node of flow.nodes) {
    const transitions = definitionOf(node).transitions(node);
    const data: FlowNodeData = { node, transitions };
    const mark = extras.marks?.get(node.id);
    if (mark) data.mark = mark;
    const problem = extras.problems?.get(node.id);
    if (problem) data.problem = problem;
    nodes.push({
      id: node.id,
      type: node.type,
      position: layout.nodes[node.id] ?? { x: 0, y: 0 },
      data,
      selected: extras.selected?.has(node.id) ?? false,
      deletable: node.type !== "start",
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
      zIndex: -1,
    });
  }
  return { nodes, edges };
}

/** Ids of the flow's nodes that the layout does not place. */
export const unplacedNodes = (flow: Flow, layout: Layout): string[] =>
  flow.nodes.filter((node) => layout.nodes[node.id] === undefined).map((node) => node.id);

/** The on-canvas size elk reserves for a node: taller with each outgoing handle. */
export function nodeSize(node: FlowNode): { width: number; height: number } {
  return { width: 240, height: 72 + 24 * definitionOf(node).transitions(node).length };
}
