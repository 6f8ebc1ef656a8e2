import { type LintContext, nodeProblem, nodesOf } from "./context.js";

/** Two nodes with one id: transitions to it are ambiguous and the second node can never be reached. */
export function duplicateId(context: LintContext) {
  return nodesOf(context.flow).flatMap((node, index) => {
    const first = context.indexById.get(node.id);
    if (first === undefined || first === index) return [];
    return [
      nodeProblem(
        context,
        index,
        "/id",
        "duplicate-id",
        `node ${index + 1} has the id \`${node.id}\` of node ${first + 1}; give it another id, e.g. \`${freeId(context, node.id)}\`.`,
        "error",
        { id: node.id, position: index + 1, first: first + 1, suggestion: freeId(context, node.id) },
      ),
    ];
  });
}

function freeId(context: LintContext, id: string): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}-${n}`;
    if (!context.indexById.has(candidate)) return candidate;
  }
}
