import { flowProblem, type LintContext, nodeProblem } from "./context.js";
import { startIndices } from "./graph.js";

/** A conversation begins at the one `start` node. */
export function startNode(context: LintContext) {
  const starts = startIndices(context);
  if (starts.length === 0) {
    return [
      flowProblem(
        context,
        "/nodes",
        "missing-start",
        "the flow has no `start` node, so no conversation can begin; add a node of type `start` and connect it to the first step.",
      ),
    ];
  }
  const [first, ...others] = starts;
  const firstId = first === undefined ? "" : context.flow.nodes[first]?.id;
  return others.map((index) =>
    nodeProblem(
      context,
      index,
      "/type",
      "multiple-start",
      `node \`${context.flow.nodes[index]?.id}\` is a second \`start\` node (the first is \`${firstId}\`); a flow has one start: remove this one or change its type.`,
      "error",
      { first: firstId ?? "" },
    ),
  );
}
