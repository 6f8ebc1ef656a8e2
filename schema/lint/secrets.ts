import type { Problem } from "../problem.js";
import { flowProblem, type LintContext, nodesOf } from "./context.js";
import { closest } from "./edit-distance.js";
import { expressionProblem, type FlowExpression, flowExpressions, ownerOf, variablePathsRead } from "./expressions.js";

/** The variable root under which HTTP nodes read the runtime's secrets. */
export const SECRETS = "secrets";

/** Flow secret `X` is read from `RELAIS_SECRET_X` (or the operator's secrets file), never from another variable. */
export const FLOW_SECRET_PREFIX = "RELAIS_SECRET_";

/** The key that encrypts stored channel credentials: it has the flow secrets' prefix, and is none of them. */
export const SECRET_KEY_SETTING = "RELAIS_SECRET_KEY";

/**
 * The runtime's own settings. A flow naming one of them is a mistake or an attempt to read the
 * server's configuration: refused, so the name never even looks like it could work.
 */
export const RUNTIME_SETTINGS: readonly string[] = [
  "PORT",
  "HOST",
  "PUBLIC_URL",
  "DATA_DIR",
  "DATABASE_URL",
  "DATABASE_SCHEMA",
  "FLOWS_DIR",
  "DESIGNER_DIR",
  "LOG_LEVEL",
  "NODE_ENV",
  "NODE_OPTIONS",
  "PATH",
  "HOME",
];

/** Why a secret name is outside the space the operator fills for flows, or undefined when it is inside. */
export function reservedSecretName(name: string): string | undefined {
  if (`${FLOW_SECRET_PREFIX}${name}` === SECRET_KEY_SETTING) {
    return `${SECRET_KEY_SETTING} is the key that encrypts the credentials Relais stores, which flows can never read`;
  }
  if (name.startsWith(FLOW_SECRET_PREFIX)) {
    return `write \`${name.slice(FLOW_SECRET_PREFIX.length)}\`: the runtime adds the prefix ${FLOW_SECRET_PREFIX} itself`;
  }
  if (name.startsWith("RELAIS_") || RUNTIME_SETTINGS.includes(name)) {
    return "it is one of the runtime's own settings, which flows can never read";
  }
  return undefined;
}

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

/** A secret named after the runtime's own settings: flows read only the space the operator fills for them. */
export function reservedSecret(context: LintContext): Problem[] {
  const listed = Array.isArray(context.flow.secrets) ? context.flow.secrets : [];
  return listed.flatMap((name, index) => {
    const why = typeof name === "string" ? reservedSecretName(name) : undefined;
    return why
      ? [
          flowProblem(
            context,
            `/secrets/${index}`,
            "reserved-secret",
            `The flow lists the secret \`${name}\`, outside the flow secrets (${FLOW_SECRET_PREFIX}<name> or the secrets file): ${why}.`,
            "error",
            { secret: name },
          ),
        ]
      : [];
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
