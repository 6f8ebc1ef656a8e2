import { LocalizedText } from "../common.js";
import { FlowSchema } from "../flow.js";
import type { Problem } from "../problem.js";
import { flowProblem, type LintContext, nodeProblem, pointerSegment } from "./context.js";

interface SchemaShape {
  description?: string;
  type?: string;
  properties?: Record<string, SchemaShape>;
  patternProperties?: Record<string, SchemaShape>;
  additionalProperties?: boolean | SchemaShape;
  items?: SchemaShape;
  anyOf?: SchemaShape[];
  oneOf?: SchemaShape[];
  discriminator?: { propertyName: string };
  const?: unknown;
}

/**
 * A text given per language must have every language of the flow, or customers speaking the
 * missing one get the default language. A plain string is one text for every language: fine.
 */
export function missingTranslation(context: LintContext): Problem[] {
  const languages = Array.isArray(context.flow.languages) ? context.flow.languages : [];
  const problems: Problem[] = [];
  walkTexts(context.flow, FlowSchema as SchemaShape, "", (text, pointer) => {
    if (typeof text !== "object" || text === null || Array.isArray(text)) return;
    const missing = languages.filter((language) => !(language in text));
    if (missing.length === 0) return;
    const list = missing.map((language) => `\`${language}\``).join(", ");
    const message = `${where(context, pointer)} has no ${list} version; add ${missing.length === 1 ? "it" : "them"} (the flow speaks ${languages.join(", ")}), or use one plain text for every language.`;
    const node = /^\/nodes\/(\d+)(.*)$/.exec(pointer);
    const params = { languages: missing, count: missing.length };
    problems.push(
      node
        ? nodeProblem(context, Number(node[1]), node[2] ?? "", "missing-translation", message, "warning", params)
        : flowProblem(context, pointer, "missing-translation", message, "warning", params),
    );
  });
  return problems;
}

function where(context: LintContext, pointer: string): string {
  const node = /^\/nodes\/(\d+)(.*)$/.exec(pointer);
  if (!node) return `the text at \`${pointer}\``;
  const id = context.flow.nodes[Number(node[1])]?.id;
  return `the text at \`${node[2]}\` of node \`${id}\``;
}

/** Calls `visit` on every value the schema declares as a `LocalizedText`, with its pointer. */
function walkTexts(
  value: unknown,
  schema: SchemaShape | undefined,
  pointer: string,
  visit: (text: unknown, pointer: string) => void,
): void {
  if (!schema || value === undefined) return;
  if (schema.description === LocalizedText.description) {
    visit(value, pointer);
    return;
  }
  const branch = branchFor(value, schema);
  if (branch !== schema) {
    walkTexts(value, branch, pointer, visit);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) walkTexts(item, schema.items, `${pointer}/${i}`, visit);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    walkTexts(child, childSchema(schema, key), `${pointer}/${pointerSegment(key)}`, visit);
  }
}

function branchFor(value: unknown, schema: SchemaShape): SchemaShape | undefined {
  const branches = schema.oneOf ?? schema.anyOf;
  if (!branches) return schema;
  const tag = schema.discriminator?.propertyName;
  if (tag) {
    const actual = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[tag] : undefined;
    return branches.find((candidate) => candidate.properties?.[tag]?.const === actual);
  }
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  return branches.find((candidate) => candidate.type === kind);
}

function childSchema(schema: SchemaShape, key: string): SchemaShape | undefined {
  const declared = schema.properties?.[key];
  if (declared) return declared;
  const pattern = Object.values(schema.patternProperties ?? {})[0];
  if (pattern) return pattern;
  return typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined;
}
