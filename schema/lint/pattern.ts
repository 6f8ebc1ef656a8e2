import { parseExpression } from "../expression.js";
import type { Problem } from "../problem.js";
import { compileLinear, hasNestedRepetition, regexLiterals } from "../regex.js";
import { type LintContext, nodeProblem, nodesOf } from "./context.js";
import { expressionProblem, flowExpressions, ownerOf, sourcesOf } from "./expressions.js";

const ENGINE =
  "Relais runs patterns on a linear-time engine (RE2), which has no backreferences (`\\1`) and no lookahead (`(?=…)`, `(?!…)`)";
const NESTED =
  "it repeats a group that itself repeats, which takes exponential time in most other regex engines (Relais runs it in linear time); write it without the nested repetition, e.g. `(a+)+` as `a+`";

/**
 * A question's `pattern` runs on RE2JS (see `schema/regex.ts`): it must compile there. One that
 * nests repetitions is reported as a warning.
 */
export function invalidPattern(context: LintContext): Problem[] {
  return nodesOf(context.flow).flatMap((node, index) => {
    if (node.type !== "question" || node.input?.kind !== "pattern") return [];
    const { pattern, caseSensitive } = node.input;
    if (typeof pattern !== "string") return [];
    // JavaScript's own parser first: its message is the one people find explained elsewhere.
    let reason: string | undefined;
    try {
      new RegExp(pattern);
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
    const compiled = compileLinear(pattern, { caseSensitive: caseSensitive ?? false });
    if (reason || !compiled.ok) {
      const why = reason ?? `${compiled.ok ? "" : compiled.message}; ${ENGINE}`;
      return [
        nodeProblem(
          context,
          index,
          "/input/pattern",
          "invalid-pattern",
          `question \`${node.id}\` has a \`pattern\` that is not a valid regular expression (${why}); fix it, e.g. \`CMD-[0-9]{6}\`.`,
          "error",
          { detail: why },
        ),
      ];
    }
    if (!hasNestedRepetition(pattern)) return [];
    return [
      nodeProblem(
        context,
        index,
        "/input/pattern",
        "pattern-nested-repetition",
        `question \`${node.id}\` has a \`pattern\` where ${NESTED}.`,
        "warning",
      ),
    ];
  });
}

/** Regular expression literals in expressions (`$match(x, /…/)`) run on RE2JS too: the same checks. */
export function expressionRegex(context: LintContext): Problem[] {
  return flowExpressions(context).flatMap((expression) =>
    sourcesOf(expression).flatMap((source) => {
      const parsed = parseExpression(source);
      if (!parsed.ok) return [];
      return regexLiterals(parsed.ast).flatMap((literal) => {
        const shown = `/${literal.source}/`;
        const compiled = compileLinear(new RegExp(literal.source, literal.flags));
        if (!compiled.ok) {
          return [
            expressionProblem(
              context,
              expression,
              "invalid-pattern",
              `${ownerOf(context, expression)}: the regular expression ${shown} at \`${expression.relative}\` cannot run (${compiled.message}); ${ENGINE}.`,
            ),
          ];
        }
        if (!hasNestedRepetition(literal.source)) return [];
        return [
          expressionProblem(
            context,
            expression,
            "pattern-nested-repetition",
            `${ownerOf(context, expression)}: in the regular expression ${shown} at \`${expression.relative}\`, ${NESTED}.`,
            "warning",
          ),
        ];
      });
    }),
  );
}
