import { AgentText, LocalizedText, languageAgentsRead, languageShown } from "../common.js";
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

/** Who reads a per-language text, which decides the version read in a missing language. */
type Reader = "customers" | "agents";

/** Who reads a kind of per-language text, and which version they read in a language it lacks. */
interface TextKind {
  reader: Reader;
  shown: typeof languageShown;
}

/**
 * Each kind of per-language text by its schema's description: customers read the version the
 * conversation's language falls back to, agents the one their console's language does.
 */
const TEXT_KINDS = new Map<string | undefined, TextKind>([
  [LocalizedText.description, { reader: "customers", shown: languageShown }],
  [AgentText.description, { reader: "agents", shown: languageAgentsRead }],
]);

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
  /** Who reads the texts that lack a language. */
  readers: Set<Reader>;
  /** The language read instead, for each text and language it lacks. */
  shown: Set<string | undefined>;
}

/**
 * A text given per language must have every language of the flow, or its readers in a missing one
 * read another (the runtime and the consoles fall back, they do not fail): customers for what the bot
 * says, agents for the labels of intents and escalation rules. Said once per node, or once for the
 * escalation policy, listing the texts and the languages: a language just added to a flow lacks in
 * every text, and a warning per text would bury the other problems. A plain string is one text for
 * every language: fine.
 */
export function missingTranslation(context: LintContext): Problem[] {
  const languages = Array.isArray(context.flow.languages) ? context.flow.languages : [];
  const gaps = new Map<string, Gap>();
  walkTexts(context.flow, FlowSchema as SchemaShape, "", (text, pointer, { reader, shown }) => {
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
      readers: new Set<Reader>(),
      shown: new Set<string | undefined>(),
    };
    gap.fields.push(pointer.slice(owner.length));
    gap.readers.add(reader);
    for (const language of missing) {
      gap.missing.add(language);
      gap.shown.add(shown(versions, language, languages));
    }
    gaps.set(owner, gap);
  });
  return [...gaps.values()].map((gap) => gapProblem(context, gap, languages));
}

const quoted = (items: readonly string[]) => items.map((item) => `\`${item}\``).join(", ");

/** Who reads the version shown instead, as the CLI says it. */
const readInstead = {
  customers: (missing: string, fallback: string) => `conversations in ${missing} show the ${fallback} version`,
  agents: (missing: string, fallback: string) => `agents using Relais in ${missing} see the ${fallback} version`,
  both: (missing: string, fallback: string) => `conversations and agents in ${missing} see the ${fallback} version`,
};

function gapProblem(context: LintContext, gap: Gap, languages: readonly string[]): Problem {
  const missing = languages.filter((language) => gap.missing.has(language));
  const [shown, ...others] = gap.shown;
  // Named only when every missing version falls back to the same language, so that it is true of each.
  const fallback = others.length === 0 ? shown : undefined;
  const readers = gap.readers.size > 1 ? "both" : gap.readers.has("agents") ? "agents" : "customers";
  const params = {
    languages: missing,
    count: missing.length,
    fields: gap.fields,
    readers,
    ...(fallback ? { fallback } : {}),
  };
  const id = gap.node === undefined ? undefined : nodesOf(context.flow)[gap.node]?.id;
  const one = gap.fields.length === 1;
  const at = gap.node === undefined ? quoted(gap.fields.map((field) => gap.owner + field)) : quoted(gap.fields);
  const texts = `the text${one ? "" : "s"} at ${at}${gap.node === undefined ? "" : ` of node \`${id}\``}`;
  const message =
    `${texts} ${one ? "has" : "have"} no ${quoted(missing)} version; add ${missing.length === 1 ? "it" : "them"} (the flow speaks ${languages.join(", ")}), or use one plain text for every language.` +
    (fallback ? ` Until then, ${readInstead[readers](quoted(missing), quoted([fallback]))}.` : "");
  const first = gap.fields[0] ?? "";
  return gap.node === undefined
    ? flowProblem(context, gap.owner + first, "missing-translation", message, "warning", params)
    : nodeProblem(context, gap.node, first, "missing-translation", message, "warning", params);
}

/** Calls `visit` on every per-language text the schema declares, with its pointer and who reads it. */
function walkTexts(
  value: unknown,
  schema: SchemaShape | undefined,
  pointer: string,
  visit: (text: unknown, pointer: string, kind: TextKind) => void,
): void {
  if (!schema || value === undefined) return;
  const kind = TEXT_KINDS.get(schema.description);
  if (kind) {
    visit(value, pointer, kind);
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
