import type { HttpNode } from "../../../schema/index.js";
import { type Flow, pathsRead, templateExpressions } from "../../../schema/index.js";
import type { FieldContext } from "./context.js";

/** The HTTP node's fields where `{{ secrets.NAME }}` may be written. */
const SECRET_FIELDS = new Set(["url", "headers", "body"]);

/** The context of an HTTP node's field, with the flow's secrets offered where the request may use them. */
export function httpFieldContext(flow: Flow, nodeType: string, field: string, context: FieldContext): FieldContext {
  if (nodeType !== "http" || !SECRET_FIELDS.has(field) || !flow.secrets?.length) return context;
  return { ...context, variables: [...context.variables, ...flow.secrets.map((name) => `secrets.${name}`)] };
}

/** The variables the node's request reads (its secrets aside), for which the person gives sample values. */
export function requestInputs(node: HttpNode): string[] {
  const templates = [node.url, ...Object.values(node.headers ?? {}), ...(node.body === undefined ? [] : [node.body])];
  const paths = templates.flatMap((template) => {
    try {
      return templateExpressions(template).flatMap(pathsRead);
    } catch {
      return [];
    }
  });
  return [...new Set(paths.filter((path) => path !== "secrets" && !path.startsWith("secrets.")))];
}

/** `{ "order.number": "CMD-1" }` → `{ order: { number: "CMD-1" } }`. */
export function nestedVariables(samples: Record<string, unknown>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(samples)) {
    const keys = path.split(".");
    const last = keys.pop() as string;
    let at = variables;
    for (const key of keys) {
      if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
    at[last] = value;
  }
  return variables;
}

export type PathStep = string | number;

/** The JSONata of a place in the response: `body.customer.email`, `body.orders[0].total`, ``body.`first-name` ``. */
export function responsePath(steps: readonly PathStep[]): string {
  return steps
    .map((step, i) => {
      if (typeof step === "number") return `[${step}]`;
      const name = /^[A-Za-z_$][\w$]*$/.test(step) ? step : `\`${step.replace(/`/g, "")}\``;
      return i === 0 ? name : `.${name}`;
    })
    .join("");
}

/** A variable name for a field of the response: its last name, made a valid identifier. */
export function suggestedVariable(steps: readonly PathStep[]): string {
  const name = [...steps].reverse().find((step): step is string => typeof step === "string" && step !== "body");
  const words = (name ?? "value")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((word, i) => (i === 0 ? word : word[0]?.toUpperCase() + word.slice(1))).join("");
  return /^[A-Za-z_]/.test(joined) ? joined : `value${joined}`;
}
