import { type LintContext, nodeProblem, nodesOf } from "./context.js";
import { closest } from "./edit-distance.js";

/** A `jump` to a flow that does not exist; checked only when the caller knows the other flows. */
export function jumpMissingFlow(context: LintContext) {
  const { flows } = context;
  if (!flows) return [];
  return nodesOf(context.flow).flatMap((node, index) => {
    if (node.type !== "jump" || node.flow === context.flow.id || flows.has(node.flow)) return [];
    const suggestion = closest(node.flow, flows.keys());
    const fix = suggestion ? `did you mean \`${suggestion}\`?` : "create that flow or pick an existing one.";
    return [
      nodeProblem(
        context,
        index,
        "/flow",
        "jump-missing-flow",
        `node \`${node.id}\` jumps to the flow \`${node.flow}\`, which does not exist; ${fix}`,
        "error",
        { flow: node.flow, ...(suggestion ? { suggestion } : {}) },
      ),
    ];
  });
}

/** A flow that jumps into itself starts over with a deeper call stack; a transition is usually meant. */
export function jumpToSelf(context: LintContext) {
  return nodesOf(context.flow).flatMap((node, index) =>
    node.type === "jump" && node.flow === context.flow.id
      ? [
          nodeProblem(
            context,
            index,
            "/flow",
            "jump-to-self",
            `node \`${node.id}\` jumps to its own flow \`${node.flow}\`, which starts it again from the top; connect a transition to the node you mean instead.`,
            "warning",
            { flow: node.flow },
          ),
        ]
      : [],
  );
}
