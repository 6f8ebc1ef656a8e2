import { describeJsonataError, parseExpression, parseTemplate, TemplateSyntaxError } from "../expression.js";
import type { Problem } from "../problem.js";
import type { LintContext } from "./context.js";
import { expressionProblem, type FlowExpression, flowExpressions, ownerOf } from "./expressions.js";

const FIX = {
  expression: "write a JSONata expression, e.g. `order.total >= 500`",
  template: "inside `{{ }}` write a JSONata expression, e.g. `{{ firstName }}`",
  TEMPLATE_UNCLOSED: "add `}}` after the expression",
  TEMPLATE_EMPTY: "write an expression inside, e.g. `{{ firstName }}`",
};

interface ParseFailure {
  message: string;
  /** 1-based character of the field's text where the error was noticed. */
  position?: number;
  fix: string;
  /** What went wrong, for the words of an interface: `syntax`, `unclosed` or `empty`. */
  reason: "syntax" | "unclosed" | "empty";
}

/** Every expression and every `{{ }}` of every text must parse, or the engine fails there at run time. */
export function expressionSyntax(context: LintContext): Problem[] {
  return flowExpressions(context).flatMap((expression) => {
    const error = syntaxError(expression);
    if (!error) return [];
    const at = error.position === undefined ? "" : ` (near character ${error.position})`;
    return [
      expressionProblem(
        context,
        expression,
        "expression-syntax",
        `${ownerOf(context, expression)}: the ${expression.kind} at \`${expression.relative}\` does not parse: ${error.message}${at}; ${error.fix}.`,
        "error",
        {
          kind: expression.kind,
          reason: error.reason,
          detail: error.message,
          ...(error.position === undefined ? {} : { position: error.position }),
        },
      ),
    ];
  });
}

/** The first syntax error of an expression field, positioned within the field's text. */
function syntaxError(expression: FlowExpression): ParseFailure | undefined {
  if (expression.kind === "expression") {
    const parsed = parseExpression(expression.source);
    return parsed.ok
      ? undefined
      : { message: parsed.message, position: parsed.position, fix: FIX.expression, reason: "syntax" };
  }
  try {
    for (const segment of parseTemplate(expression.source).segments) {
      if (!("expression" in segment)) continue;
      const parsed = parseExpression(segment.expression);
      if (parsed.ok) continue;
      return {
        message: `in \`{{ ${segment.expression} }}\`, ${parsed.message}`,
        position: parsed.position === undefined ? undefined : segment.offset + parsed.position,
        fix: FIX.template,
        reason: "syntax",
      };
    }
    return undefined;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) {
      const what = error.code === "TEMPLATE_EMPTY" ? "a `{{ }}` is empty" : "a `{{` is never closed";
      const reason = error.code === "TEMPLATE_EMPTY" ? "empty" : "unclosed";
      return { message: what, position: error.offset + 1, fix: FIX[error.code], reason };
    }
    return { ...describeJsonataError(error), fix: FIX.template, reason: "syntax" };
  }
}
