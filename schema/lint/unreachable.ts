import { type LintContext, nodeProblem, nodesOf } from "./context.js";
import { reachable, startIndices, successors } from "./graph.js";

/** Nodes no conversation can get to from the start: dead weight, or a transition someone forgot. */
export function unreachableNode(context: LintContext) {
  // Without a start everything is unreachable; `missing-start` says the one thing to fix.
  if (startIndices(context).length === 0) return [];
  const seen = reachable(context);
  const nodes = nodesOf(context.flow);
  // One broken transition cuts off everything after it: say which nodes lead in, so the cut is easy to find.
  const leadingIn = new Map<number, string[]>();
  nodes.forEach((node, index) => {
    for (const next of successors(context, index)) {
      if (next !== index) leadingIn.set(next, [...(leadingIn.get(next) ?? []), node.id]);
    }
  });
  return nodes.flatMap((node, index) => {
    if (seen.has(index) || context.indexById.get(node.id) !== index) return [];
    const from = leadingIn.get(index) ?? [];
    const why = from.length
      ? `only ${from.map((id) => `\`${id}\``).join(", ")} ${from.length === 1 ? "leads" : "lead"} to it, and ${from.length === 1 ? "it is" : "they are"} unreachable too`
      : "no transition leads to it";
    return [
      nodeProblem(
        context,
        index,
        "",
        "unreachable-node",
        `node \`${node.id}\` cannot be reached from the start (${why}); connect a transition to it, or delete it.`,
        "warning",
        { from },
      ),
    ];
  });
}
