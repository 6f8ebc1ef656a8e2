import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { ConversationTestFile } from "./conversation-test.js";
import { ConversationTestFileSchema } from "./conversation-test.js";
import { type Flow, FlowSchema } from "./flow.js";
import { type Layout, LayoutSchema } from "./layout.js";
import type { Problem, ProblemParams } from "./problem.js";

/**
 * The one compiled validator of Relais: the CLI, the runtime and the designer all call these.
 * `discriminator` makes ajv report only the errors of the node type at hand.
 */
const ajv = new Ajv2020({ allErrors: true, discriminator: true, verbose: true, strict: true });
const compiled = {
  flow: ajv.compile<Flow>(FlowSchema),
  layout: ajv.compile<Layout>(LayoutSchema),
  conversationTest: ajv.compile<ConversationTestFile>(ConversationTestFileSchema),
};

export type Validated<T> = { ok: true; value: T; problems: [] } | { ok: false; problems: Problem[] };

export const validateFlow = (value: unknown, file: string) => validateWith(compiled.flow, value, file);
export const validateLayout = (value: unknown, file: string) => validateWith(compiled.layout, value, file);
export const validateConversationTests = (value: unknown, file: string) =>
  validateWith(compiled.conversationTest, value, file);

function validateWith<T>(validate: ValidateFunction<T>, value: unknown, file: string): Validated<T> {
  if (validate(value)) return { ok: true, value, problems: [] };
  return { ok: false, problems: explain(validate.errors ?? [], value, file) };
}

/** Turns ajv's errors into one message per place, in words an editor of the flow understands. */
export function explain(errors: readonly ErrorObject[], document: unknown, file: string): Problem[] {
  const unionPaths = new Set(
    errors.filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf").map((e) => e.instancePath),
  );
  const kept = errors.filter((error) => {
    if (error.keyword === "anyOf" || error.keyword === "oneOf") return true;
    // Errors inside a union's branches are noise once the union itself is reported.
    return ![...unionPaths].some((path) => error.instancePath === path);
  });
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of kept) {
    const pointer = error.instancePath;
    const message = describe(error, document);
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({
      code: `schema/${error.keyword}`,
      params: paramsOf(error),
      severity: "error",
      file,
      nodeId: nodeIdAt(document, pointer),
      pointer: fieldPointer(error),
      message,
    });
  }
  return problems;
}

/** Missing and unknown fields point at the field itself, not the object holding it. */
function fieldPointer(error: ErrorObject): string {
  const escapeKey = (key: unknown) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");
  if (error.keyword === "required") return `${error.instancePath}/${escapeKey(error.params.missingProperty)}`;
  if (error.keyword === "additionalProperties") {
    return `${error.instancePath}/${escapeKey(error.params.additionalProperty)}`;
  }
  return error.instancePath;
}

/** What the message names, by name, so an interface can say it in its own words. */
function paramsOf(error: ErrorObject): ProblemParams {
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  const shown = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
  switch (error.keyword) {
    case "required":
      return { field: String(params.missingProperty) };
    case "additionalProperties":
      return { field: String(params.additionalProperty) };
    case "discriminator": {
      const tag = String(params.tag);
      if (params.error !== "mapping") return { tag };
      const variants = (error.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] }).oneOf;
      const allowed = (variants ?? []).map((variant) => String(variant.properties?.[tag]?.const));
      return { tag, value: shown((data as Record<string, unknown>)[tag]), allowed };
    }
    case "type":
      return {
        expected: String(params.type).split(","),
        actual: Array.isArray(data) ? "array" : data === null ? "null" : typeof data,
      };
    case "const":
      return { allowed: [shown(params.allowedValue)] };
    case "enum":
      return { allowed: (params.allowedValues as unknown[]).map(shown) };
    case "pattern":
      return { value: shown(data) };
    case "minItems":
    case "maxItems":
    case "minLength":
    case "maxLength":
    case "minProperties":
    case "maxProperties":
      return { limit: Number(params.limit), count: Number(params.limit) };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return { comparison: String(params.comparison), limit: Number(params.limit) };
    case "uniqueItems":
      return { first: Number(params.j) + 1, second: Number(params.i) + 1 };
    default:
      return {};
  }
}

function nodeIdAt(document: unknown, pointer: string): string | undefined {
  const match = /^\/nodes\/(\d+)/.exec(pointer);
  if (!match || typeof document !== "object" || document === null) return undefined;
  const nodes = (document as { nodes?: unknown }).nodes;
  const node = Array.isArray(nodes) ? nodes[Number(match[1])] : undefined;
  const id = typeof node === "object" && node !== null ? (node as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}

function fieldName(pointer: string): string {
  const last = pointer
    .slice(pointer.lastIndexOf("/") + 1)
    .replace(/~1/g, "/")
    .replace(/~0/g, "~");
  return /^\d+$/.test(last) ? `item ${Number(last) + 1}` : `\`${last}\``;
}

function subject(error: ErrorObject, document: unknown): string {
  const pointer = error.instancePath;
  if (pointer === "") return "The file";
  const nodeMatch = /^\/nodes\/(\d+)$/.exec(pointer);
  if (nodeMatch) {
    const id = nodeIdAt(document, pointer);
    return id ? `Node \`${id}\`` : `Node ${Number(nodeMatch[1]) + 1}`;
  }
  return `The field ${fieldName(pointer)}`;
}

function describe(error: ErrorObject, document: unknown): string {
  const params = error.params as Record<string, unknown>;
  const what = subject(error, document);
  const schema = (error.parentSchema ?? {}) as { description?: string };
  const hint = schema.description ? ` ${schema.description}` : "";
  switch (error.keyword) {
    case "required":
      return `${what} is missing \`${String(params.missingProperty)}\`.`;
    case "additionalProperties":
      return `${what} has a field \`${String(params.additionalProperty)}\` that does not belong here; remove it or check its spelling.`;
    case "discriminator":
      if (params.error === "mapping") {
        const tag = String(params.tag);
        const value = (error.data as Record<string, unknown>)[tag];
        const variants = (error.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })
          .oneOf;
        const allowed = (variants ?? []).map((variant) => String(variant.properties?.[tag]?.const)).join(", ");
        return `${what} has an unknown ${tag} ${JSON.stringify(value)}. Known ${tag}s: ${allowed}.`;
      }
      return `${what} must have a \`${String(params.tag)}\` saying which kind it is.`;
    case "type":
      return `${what} must be ${article(String(params.type))}, not ${describeValue(error.data)}.`;
    case "const":
      return `${what} must be ${JSON.stringify(params.allowedValue)}.${hint}`;
    case "enum":
      return `${what} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`;
    case "pattern":
      return `${what} is not valid: ${JSON.stringify(error.data)}.${hint || ` It must match ${String(params.pattern)}.`}`;
    case "anyOf":
    case "oneOf":
      return `${what} is not valid.${hint}`;
    case "minItems":
      return `${what} needs at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}.`;
    case "maxItems":
      return `${what} can hold at most ${String(params.limit)} items.`;
    case "minLength":
      return `${what} cannot be empty.`;
    case "maxLength":
      return `${what} is too long: at most ${String(params.limit)} characters.`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${what} must be ${String(params.comparison)} ${String(params.limit)}.`;
    case "uniqueItems":
      return `${what} lists the same value twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1}).`;
    case "minProperties":
      return `${what} cannot be empty.`;
    default:
      return `${what} ${error.message ?? "is not valid"}.`;
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: "a text",
    number: "a number",
    integer: "a whole number",
    boolean: "true or false",
    object: "an object",
    array: "a list",
    null: "null",
  };
  return type
    .split(",")
    .map((t) => words[t] ?? t)
    .join(" or ");
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `${typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`}`;
}
