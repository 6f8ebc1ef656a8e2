import { definitionOf, type ExpressionField, type FlowNode, type Transition } from "../nodes/index.js";
import { type LintContext, nodesOf } from "./context.js";

/** The definition's view of a node, or nothing for a type this version does not know. */
export function transitionsOf(node: FlowNode): Transition[] {
  return definitionOf(node) ? definitionOf(node).transitions(node) : [];
}

export function expressionsOf(node: FlowNode): ExpressionField[] {
  return definitionOf(node) ? definitionOf(node).expressions(node) : [];
}

export function writesOf(node: FlowNode): string[] {
  return definitionOf(node) ? definitionOf(node).writes(node) : [];
}

/** Indices of the nodes a node leads to, once each, through transitions whose target exists. */
export function successors(context: LintContext, index: number): number[] {
  const node = nodesOf(context.flow)[index];
  if (!node) return [];
  const next = new Set<number>();
  for (const transition of transitionsOf(node)) {
    const target = transition.target === undefined ? undefined : context.indexById.get(transition.target);
    if (target !== undefined) next.add(target);
  }
  return [...next];
}

/** Indices of the `start` nodes, in file order. */
export const startIndices = (context: LintContext) =>
  nodesOf(context.flow).flatMap((node, index) => (node.type === "start" ? [index] : []));

/** Every node index reachable from the start nodes, the starts included. */
export function reachable(context: LintContext): Set<number> {
  const seen = new Set<number>(startIndices(context));
  const queue = [...seen];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const next of successors(context, at)) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/** The first segment of a variable path: `order` for `order.total`. */
export const rootOf = (path: string) => path.split(".")[0] ?? path;
