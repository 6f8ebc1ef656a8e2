import { LocalizedText, languageShown } from "../common.js";
import { FlowSchema } from "../flow.js";
import type { Problem } from "../problem.js";
import { flowProblem, type LintContext, nodeProblem, nodesOf, pointerSegment } from "./context.js";

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

/** The texts of one node, or of one flow-level setting (the escalation policy), that lack a language. */
interface Gap {
  /** The node's index, for a node's texts. */
  node?: number;
  /** Where the texts sit: the node's pointer, or `/escalation` for the policy. */
  owner: string;
  /** Each text's pointer, relative to `owner`, in the order of the file. */
  fields: string[];
  /** The flow's languages some text lacks. */
  missing: Set<string>;
  /** The language customers read instead, for each text and language it lacks. */
  shown: Set<string | undefined>;
}

/**
 * A text given per language must have every language of the flow, or customers speaking a missing one
 * read another (the runtime falls back, it does not fail). Said once per node, or once for the escalation
 * policy, listing the texts and the languages: a language just added to a flow lacks in every text, and a
 * warning per text would bury the other problems. A plain string is one text for every language: fine.
 */
export function missingTranslation(context: LintContext): Problem[] {
  const languages = Array.isArray(context.flow.languages) ? context.flow.languages : [];
  const gaps = new Map<string, Gap>();
  walkTexts(context.flow, FlowSchema as SchemaShape, "", (text, pointer) => {
    if (typeof text !== "object" || text === null || Array.isArray(text)) return;
    const versions = text as Record<string, string>;
    const missing = languages.filter((language) => !(language in versions));
    if (missing.length === 0) return;
    const node = /^\/nodes\/(\d+)/.exec(pointer);
    const owner = node ? node[0] : (/^\/[^/]*/.exec(pointer)?.[0] ?? "");
    const gap = gaps.get(owner) ?? {
      ...(node ? { node: Number(node[1]) } : {}),
      owner,
      fields: [],
      missing: new Set<string>(),
      shown: new Set<string | undefined>(),
    };
    gap.fields.push(pointer.slice(owner.length));
    for (const language of missing) {
      gap.missing.add(language);
      gap.shown.add(languageShown(versions, language, languages));
    }
    gaps.set(owner, gap);
  });
  return [...gaps.values()].map((gap) => gapProblem(context, gap, languages));
}

const quoted = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(", ");

function gapProblem(context: LintContext, gap: Gap, languages: readonly string[]): Problem {
  const missing = languages.filter((language) => gap.missing.has(language));
  const [shown, ...others] = gap.shown;
  // Named only when every missing version falls back to the same language, so that it is true of each.
  const fallback = others.length === 0 ? shown : undefined;
  const params = { languages: missing, count: missing.length, fields: gap.fields, ...(fallback ? { fallback } : {}) };
  const id = gap.node === undefined ? undefined : nodesOf(context.flow)[gap.node]?.id;
  const one = gap.fields.length === 1;
  const at = gap.node === undefined ? quoted(gap.fields.map((field) => gap.owner + field)) : quoted(gap.fields);
  const texts = `the text${one ? "" : "s"} at ${at}${gap.node === undefined ? "" : ` of node \`${id}\``}`;
  const message =
    `${texts} ${one ? "has" : "have"} no ${quoted(missing)} version; add ${missing.length === 1 ? "it" : "them"} (the flow speaks ${languages.join(", ")}), or use one plain text for every language.` +
    (fallback ? ` Until then, conversations in ${quoted(missing)} show the \`${fallback}\` version.` : "");
  const first = gap.fields[0] ?? "";
  return gap.node === undefined
    ? flowProblem(context, gap.owner + first, "missing-translation", message, "warning", params)
    : nodeProblem(context, gap.node, first, "missing-translation", message, "warning", params);
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
