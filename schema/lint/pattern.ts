import { type LintContext, nodeProblem, nodesOf } from "./context.js";

/** A question's `pattern` is compiled by the engine with JavaScript's RegExp; it must compile. */
export function invalidPattern(context: LintContext) {
  return nodesOf(context.flow).flatMap((node, index) => {
    if (node.type !== "question" || node.input?.kind !== "pattern") return [];
    const { pattern, caseSensitive } = node.input;
    try {
      new RegExp(pattern, caseSensitive ? "" : "i");
      return [];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [
        nodeProblem(
          context,
          index,
          "/input/pattern",
          "invalid-pattern",
          `question \`${node.id}\` has a \`pattern\` that is not a valid regular expression (${reason}); fix it, e.g. \`CMD-[0-9]{6}\`.`,
          "error",
          { detail: reason },
        ),
      ];
    }
  });
}
