import { definitionOf, type FlowNode, type Problem, type Transition } from "../../../schema/index.js";
import { hasWord, language, languageName, say, wordsOf } from "../i18n.js";
import { problemWords } from "./problem-words.js";

const PROBLEMS = "problems";
const words = wordsOf(PROBLEMS, problemWords);
/** Problem codes are data (from the linter, the validator, the server): looked up by their text. */
const word = words as (key: string, values?: Record<string, string | number>) => string;

/** One of the problem texts (a quick fix's caption…), in the interface language. */
export const problemWord = words;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

const unescapeSegment = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");
const segmentsOf = (pointer: string) => (pointer === "" ? [] : pointer.slice(1).split("/").map(unescapeSegment));

/** A label, an id, or a plain text of a document that may not validate. */
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : isObject(value) ? text(value[language] ?? Object.values(value)[0]) : undefined;

/** `a, b et c` in the interface language. */
function list(items: readonly string[], joiner: "problem.list" | "problem.or" = "problem.list"): string {
  if (items.length <= 1) return items.join("");
  return word(joiner, { head: items.slice(0, -1).join(", "), last: items.at(-1) ?? "" });
}

function nodesOf(document: unknown): unknown[] {
  return isObject(document) && Array.isArray(document.nodes) ? document.nodes : [];
}

/** What people call a step: its label, else its id. */
function nodeLabel(node: unknown, fallback: string): string {
  if (!isObject(node)) return fallback;
  return text(node.label) || text(node.id) || fallback;
}

function labelOfNodeId(document: unknown, id: string): string {
  return nodeLabel(
    nodesOf(document).find((node) => isObject(node) && node.id === id),
    id,
  );
}

/** The node's ways out, when it is well formed enough for its definition to list them. */
function transitionsOf(node: unknown): Transition[] {
  if (!isObject(node) || typeof node.type !== "string") return [];
  try {
    return definitionOf(node as FlowNode)?.transitions(node as FlowNode) ?? [];
  } catch {
    return [];
  }
}

/** A field by its caption: the inspector's label for the node's field, else the field's usual name. */
function fieldWords(node: unknown, key: string): string {
  if (isObject(node) && typeof node.type === "string") {
    const hint = definitionOf(node as FlowNode)?.ui.fields.find((field) => field.field === key);
    if (hint) return say(hint.label);
  }
  return hasWord(PROBLEMS, `field.${key}`, language) ? word(`field.${key}`) : key;
}

interface Place {
  where: string;
  field: string;
  node: unknown;
}

/**
 * Where a pointer sits, in words: the step or escalation rule it belongs to, and the field. Language
 * codes, list indices and the like are stepped over to the field a person knows.
 */
export function placeOf(document: unknown, pointer: string): Place {
  const segments = segmentsOf(pointer);
  const flowLanguages = isObject(document) && Array.isArray(document.languages) ? document.languages : [];
  let where = word("problem.where.flow");
  let node: unknown;
  let rest = segments;
  if (segments[0] === "nodes" && segments[1] !== undefined && /^\d+$/.test(segments[1])) {
    node = nodesOf(document)[Number(segments[1])];
    where = word("problem.where.node", { label: nodeLabel(node, `${Number(segments[1]) + 1}`) });
    rest = segments.slice(2);
  } else if (segments[0] === "escalation") {
    const rules = isObject(document) && isObject(document.escalation) ? document.escalation.rules : undefined;
    if (segments[1] === "rules" && segments[2] !== undefined && Array.isArray(rules)) {
      const rule = rules[Number(segments[2])];
      const label = isObject(rule) ? text(rule.label) || text(rule.id) : undefined;
      where = word("problem.where.rule", { label: label ?? `${Number(segments[2]) + 1}` });
      rest = segments.slice(3);
    } else {
      where = word("problem.where.escalation");
      rest = segments.slice(1);
    }
  }
  const named = rest.filter((segment) => !/^\d+$/.test(segment) && !flowLanguages.includes(segment));
  const transition = transitionsOf(node).find((candidate) => candidate.pointer === `/${rest.join("/")}`);
  const last = named.at(-1);
  // The escalation policy's own fields have captions of their own in the settings.
  const scoped = segments[0] === "escalation" && last !== undefined ? `field.escalation.${last}` : "";
  const field = transition
    ? say(transition.label)
    : scoped && hasWord(PROBLEMS, scoped, language)
      ? word(scoped)
      : last !== undefined
        ? fieldWords(node, last)
        : node === undefined
          ? word("field.")
          : nodeLabel(node, "");
  return { where, field, node };
}

/**
 * A per-language text by what a person finds it under: a choice, an intent or an escalation rule by its
 * label, any other by its field's caption.
 */
function textName(document: unknown, pointer: string): string {
  const rule = /^\/escalation\/rules\/(\d+)\/label$/.exec(pointer);
  if (rule) {
    const rules = isObject(document) && isObject(document.escalation) ? document.escalation.rules : undefined;
    const entry: unknown = Array.isArray(rules) ? rules[Number(rule[1])] : undefined;
    const label = (isObject(entry) && (text(entry.label) || text(entry.id))) || `${Number(rule[1]) + 1}`;
    return word("problem.ruleLabel", { label });
  }
  const item = /^\/nodes\/(\d+)(\/input)?\/(choices|intents)\/(\d+)\/label$/.exec(pointer);
  if (!item) return placeOf(document, pointer).field;
  const node = nodesOf(document)[Number(item[1])];
  const holder = item[2] && isObject(node) ? node.input : node;
  const items = isObject(holder) ? holder[item[3] ?? ""] : undefined;
  const entry: unknown = Array.isArray(items) ? items[Number(item[4])] : undefined;
  const label = (isObject(entry) && (text(entry.label) || text(entry.id))) || `${Number(item[4]) + 1}`;
  const key = item[3] === "intents" ? "problem.intentLabel" : item[2] ? "problem.choice" : "problem.button";
  return word(key, { label });
}

/** Who reads the texts of a missing-translation warning, as its words' contexts name them. */
const READERS = new Set(["customers", "agents", "both"]);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];

/** The values a code's words name, from the problem's params and the document it is about. */
function valuesOf(problem: Problem, document: unknown): Record<string, string | number> {
  const params = problem.params ?? {};
  const place = placeOf(document, problem.pointer);
  const values: Record<string, string | number> = { where: place.where, field: place.field };
  for (const [key, value] of Object.entries(params)) {
    // The place is said from the pointer, which names the same field as the params do, but in words.
    if (key === "field") continue;
    if (typeof value === "string" || typeof value === "number") values[key] = value;
    else values[key] = list(value.map(String));
  }
  if (typeof params.handle === "string") {
    const transition = transitionsOf(place.node).find((candidate) => candidate.handle === params.handle);
    values.way = transition ? say(transition.label) : params.handle;
  }
  if (typeof params.first === "string") values.first = labelOfNodeId(document, params.first);
  values.near = typeof params.position === "number" ? word("problem.near", { position: params.position }) : "";
  values.line =
    problem.line === undefined ? "" : word("problem.line", { line: problem.line, column: problem.column ?? 1 });
  const from = strings(params.from);
  if (problem.code === "lint/unreachable-node" && from.length > 0) {
    values.context = "via";
    values.count = from.length;
    values.from = list(from.map((id) => word("problem.quoted", { text: labelOfNodeId(document, id) })));
  }
  if (problem.code === "lint/missing-translation") {
    const fields = strings(params.fields);
    // The fields are relative to their step or setting, which the pointer names with the first of them.
    const owner = problem.pointer.slice(0, problem.pointer.length - (fields[0] ?? "").length);
    // The warning is about the whole step or policy, though its pointer may sit in one escalation rule.
    values.where = placeOf(document, owner).where;
    values.languages = list(strings(params.languages).map(languageName));
    values.fields = [...new Set(fields.map((field) => textName(document, owner + field)))].join(", ");
    // Who reads the version shown instead decides the sentence; without knowing who, it is not said.
    if (typeof params.fallback === "string" && typeof params.readers === "string" && READERS.has(params.readers)) {
      values.context = `fallback_${params.readers}`;
      values.fallback = languageName(params.fallback);
    }
  }
  if (problem.code === "lint/few-intent-examples" && typeof params.language === "string") {
    values.language = languageName(params.language);
  }
  if (problem.code === "lint/expression-syntax" && params.kind === "template") {
    values.context = params.reason === "syntax" ? "template" : String(params.reason);
  }
  if (problem.code === "lint/undeclared-variable" && params.access === "write") values.context = "write";
  if (problem.code === "schema/discriminator") {
    const onNode = /^\/nodes\/\d+$/.test(problem.pointer);
    if (onNode && typeof params.tag === "string") values.field = fieldWords(place.node, params.tag);
    if (params.value === undefined) values.context = "missing";
    else values.allowed = strings(params.allowed).join(", ");
  }
  if (problem.code === "schema/type" || problem.code === "schema/const" || problem.code === "schema/enum") {
    const typeWord = (type: string) => word(`type.${type}`);
    values.expected = list(strings(params.expected).map(typeWord), "problem.or");
    if (typeof params.actual === "string") values.actual = typeWord(params.actual);
    if (params.allowed !== undefined) {
      values.allowed = list(
        strings(params.allowed).map((text) => word("problem.quoted", { text })),
        "problem.or",
      );
    }
  }
  if (problem.code === "lint/sms-media" || problem.code.startsWith("lint/media-")) {
    if (typeof params.kind === "string") values.kind = word(`medium.${params.kind}`);
    if (typeof params.channel === "string") values.channel = word(`channel.${params.channel}`);
    if (typeof params.format === "string") values.format = params.format.toUpperCase();
    if (params.accepted !== undefined) values.accepted = list(strings(params.accepted), "problem.or");
  }
  if (typeof params.context === "string") values.context = params.context;
  return values;
}

/** Which channels' limits the problems check, in a sentence; every channel's while the runtime has not said. */
export function channelsInWords(channels: readonly string[] | undefined): string {
  if (!channels) return word("problem.checkedForAll");
  return word("problem.checkedFor", { channels: list(channels.map((channel) => word(`channel.${channel}`))) });
}

/**
 * A problem in the interface language, in a CX manager's words: the step by its label, the field by
 * its caption, the fix. Codes without words (a server's own refusals) keep the message they came with.
 */
export function problemInWords(problem: Problem, document?: unknown): string {
  if (!hasWord(PROBLEMS, problem.code, language)) return problem.message;
  const values = valuesOf(problem, document);
  const sentence = word(problem.code, values);
  // A problem made elsewhere without the params its words name keeps the words it came with.
  if (/\{\w+\}/.test(sentence)) return problem.message;
  const suggestion = problem.params?.suggestion;
  const offersOther = typeof suggestion === "string" && problem.code !== "lint/duplicate-id";
  return offersOther ? `${sentence} ${word("problem.didYouMean", { suggestion })}` : sentence;
}
