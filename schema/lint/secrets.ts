import type { Problem } from "../problem.js";
import { type LintContext, nodesOf } from "./context.js";
import { closest } from "./edit-distance.js";
import { expressionProblem, type FlowExpression, flowExpressions, ownerOf, variablePathsRead } from "./expressions.js";

/** The variable root under which HTTP nodes read the runtime's secrets. */
export const SECRETS = "secrets";

/** Each `secrets.X` an expression reads, with X: the secret's name, or undefined for `secrets` as a whole. */
function secretReads(context: LintContext) {
  return flowExpressions(context).flatMap((expression) =>
    variablePathsRead(expression).flatMap((path) => {
      const [root, name] = path.split(".");
      return root === SECRETS ? [{ expression, path, name }] : [];
    }),
  );
}

const inHttpNode = (context: LintContext, expression: FlowExpression) =>
  expression.nodeIndex !== undefined && nodesOf(context.flow)[expression.nodeIndex]?.type === "http";

/** A secret the flow does not list: the runtime will not hand it over, and reviewers would not see it. */
export function unknownSecret(context: LintContext): Problem[] {
  const listed = Array.isArray(context.flow.secrets) ? context.flow.secrets : [];
  return secretReads(context).flatMap(({ expression, path, name }) => {
    if (name === undefined || listed.includes(name)) return [];
    const suggestion = closest(name, listed);
    const fix = suggestion
      ? `did you mean \`${suggestion}\`? Otherwise add "${name}" to the flow's \`secrets\`.`
      : `add "${name}" to the flow's \`secrets\`.`;
    return [
      expressionProblem(
        context,
        expression,
        "unknown-secret",
        `${ownerOf(context, expression)} reads \`${path}\` at \`${expression.relative}\`, but the flow does not list the secret \`${name}\`; ${fix}`,
        "error",
        { secret: name, ...(suggestion ? { suggestion } : {}) },
      ),
    ];
  });
}

/** Secrets are for calling APIs: anywhere else they could end up in a message to a customer or an agent. */
export function secretsOutsideHttp(context: LintContext): Problem[] {
  return secretReads(context).flatMap(({ expression, path }) =>
    inHttpNode(context, expression)
      ? []
      : [
          expressionProblem(
            context,
            expression,
            "secrets-outside-http",
            `${ownerOf(context, expression)} reads \`${path}\` at \`${expression.relative}\`; secrets may only be used in the url, headers or body of an http node, since anywhere else they could be shown to customers. Remove it from here.`,
            "error",
            { secret: path.split(".")[1] ?? path },
          ),
        ],
  );
}
