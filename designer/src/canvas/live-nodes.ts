import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { FlowNode, Transition } from "../../../schema/index.js";
import type { CanvasNode, FlowNodeData } from "../model/graph.js";

/**
 * The flow's nodes as last edited, read by each node view by its id. Every change to React Flow's nodes
 * makes it run its lookups over all edges and nodes (visible edges, minimap bounds): on a 1,000-node flow
 * that took most of a keystroke in the inspector. An edit that changes only what a node shows (its
 * label, its text) reaches the one view showing it through here, and React Flow's nodes stay as they were.
 */
export class LiveNodes {
  private readonly nodes = new Map<string, FlowNode>();
  private readonly listeners = new Map<string, Set<() => void>>();

  get(id: string): FlowNode | undefined {
    return this.nodes.get(id);
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Takes the flow's nodes; the views of those whose object changed draw again. */
  show(nodes: readonly FlowNode[]): void {
    const changed: string[] = [];
    for (const node of nodes)
      if (this.nodes.get(node.id) !== node) {
        this.nodes.set(node.id, node);
        changed.push(node.id);
      }
    if (this.nodes.size > nodes.length) {
      const ids = new Set(nodes.map((node) => node.id));
      for (const id of this.nodes.keys()) if (!ids.has(id)) this.nodes.delete(id);
    }
    for (const id of changed) for (const listener of this.listeners.get(id) ?? []) listener();
  }
}

export const LiveNodesContext = createContext<LiveNodes | undefined>(undefined);

/** The node `id` as last edited, or `shown` (the one React Flow holds) outside a live canvas. */
export function useLiveNode(id: string, shown: FlowNode): FlowNode {
  const live = useContext(LiveNodesContext);
  const subscribe = useCallback(
    (listener: () => void) => live?.subscribe(id, listener) ?? (() => undefined),
    [live, id],
  );
  return useSyncExternalStore(subscribe, () => live?.get(id) ?? shown);
}

const sameTransitions = (a: Transition[], b: Transition[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((transition, index) => {
      const other = b[index] as Transition;
      return (
        transition.handle === other.handle &&
        transition.target === other.target &&
        transition.required === other.required &&
        JSON.stringify(transition.label) === JSON.stringify(other.label)
      );
    }));

/**
 * `next`, where a node whose edit changed only what its view shows keeps the data React Flow already has
 * (the view reads the edited node from LiveNodes): its handles, size and links are the same, so React
 * Flow has nothing to redo.
 */
export function keepShownContent(next: CanvasNode[], current: CanvasNode[]): CanvasNode[] {
  let byId: Map<string, CanvasNode> | undefined;
  return next.map((fresh, index) => {
    if (fresh.type === "note") return fresh;
    let old = current[index];
    if (old?.id !== fresh.id) {
      byId ??= new Map(current.map((shown) => [shown.id, shown]));
      old = byId.get(fresh.id);
    }
    if (!old || old.type !== fresh.type) return fresh;
    const before = old.data as FlowNodeData;
    const after = fresh.data;
    if (before.node === after.node || !sameTransitions(before.transitions, after.transitions)) return fresh;
    return { ...fresh, data: { ...after, node: before.node, transitions: before.transitions } } as CanvasNode;
  });
}
