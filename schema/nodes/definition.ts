import type { TSchema } from "@sinclair/typebox";

/** Text of the designer's own interface, in each language it speaks. */
export interface UiText {
  fr: string;
  en: string;
}

/** One way out of a node: a handle on the canvas and the node it leads to. */
export interface Transition {
  /** Stable handle id: `next`, `error`, `choice:<id>`, `intent:<id>`, `rule:<id>`, `status:<code>`… */
  handle: string;
  target: string | undefined;
  label: UiText | string;
  /** JSON pointer of the field holding the target, relative to the node. */
  pointer: string;
  /** A node must have a target on every required transition before it can be published. */
  required: boolean;
}

/** An expression or a `{{ }}` template held by a node, for the linter and the designer. */
export interface ExpressionField {
  pointer: string;
  source: string;
  kind: "expression" | "template";
}

export type FieldWidget =
  | "text"
  | "localizedText"
  | "expression"
  | "template"
  | "variable"
  | "select"
  | "number"
  | "checkbox"
  | "media"
  | "choices"
  | "questionInput"
  | "intents"
  | "rules"
  | "assignments"
  | "headers"
  | "mapping"
  | "statusRoutes"
  | "queue"
  | "flow";

/** How the designer's inspector shows one field of a node. */
export interface FieldHint {
  /** The field's name in the node. */
  field: string;
  widget: FieldWidget;
  label: UiText;
  help?: UiText;
  options?: readonly string[];
}

export interface NodeDefinition<N extends { id: string; type: string }> {
  type: N["type"];
  schema: TSchema;
  /** A new node of this type as dropped from the palette: valid against the schema, transitions unconnected. */
  create(id: string): N;
  transitions(node: N): Transition[];
  /** The node with the transition `handle` pointed at `target` (or disconnected when undefined). */
  connect(node: N, handle: string, target: string | undefined): N;
  expressions(node: N): ExpressionField[];
  /** Variable paths this node writes. */
  writes(node: N): string[];
  ui: {
    title: UiText;
    description: UiText;
    color: string;
    fields: FieldHint[];
  };
}

/** Every template `{{ expr }}` inside a text, with its pointer. */
export function templatesOf(text: unknown, pointer: string): ExpressionField[] {
  if (text === undefined) return [];
  if (typeof text === "string") return [{ pointer, source: text, kind: "template" }];
  if (typeof text === "object" && text !== null) {
    return Object.entries(text as Record<string, unknown>).flatMap(([lang, value]) =>
      typeof value === "string" ? [{ pointer: `${pointer}/${lang}`, source: value, kind: "template" as const }] : [],
    );
  }
  return [];
}

/** Sets a named field to the target, or removes it when the target is undefined. */
export function withField<N extends object>(node: N, field: string, target: string | undefined): N {
  const copy = { ...node } as Record<string, unknown>;
  if (target === undefined) delete copy[field];
  else copy[field] = target;
  return copy as N;
}

/** Points the item with `id` of the array `field` at `target`. */
export function withItemTarget<N extends object>(
  node: N,
  field: string,
  id: string | number,
  key: string,
  target: string | undefined,
): N {
  const items = (node as Record<string, unknown>)[field];
  if (!Array.isArray(items)) return node;
  const match = (item: Record<string, unknown>) => item.id === id || item.status === id;
  return {
    ...node,
    [field]: items.map((item: Record<string, unknown>) => (match(item) ? withField(item, key, target) : item)),
  };
}

export const THEN: UiText = { fr: "ensuite", en: "then" };

/**
 * A variable named after node `id` (`question-2` → `question_2`), for what a new node writes: two new
 * nodes writing one shared name would overwrite each other with no word from the linter.
 */
export const variableNamedAfter = (id: string) => id.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=\d)/, "_");
