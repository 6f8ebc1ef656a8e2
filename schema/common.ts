import { type Static, type TObject, type TUnion, type TUnsafe, Type } from "@sinclair/typebox";

/** Node ids, flow ids, queue ids and choice ids are stable slugs so that git diffs stay readable. */
export const Slug = Type.String({
  pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$",
  maxLength: 64,
  description: "A stable slug: lowercase letters, digits and dashes, e.g. `ask-email`.",
});

export const SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

export const NodeId = Type.String({
  pattern: SLUG_PATTERN,
  maxLength: 64,
  description: "The id of a node: a stable slug such as `ask-email`.",
});

/** A transition: the id of the node it leads to; left out while the designer has not connected it yet. */
export const target = (description: string) =>
  Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 64, description }));

export const LanguageCode = Type.String({
  pattern: "^[a-z]{2}(?:-[A-Z]{2})?$",
  description: "A language code such as `fr` or `en`.",
});

/** A variable path such as `email` or `order.total`; its first segment is a declared variable. */
export const VariablePath = Type.String({
  pattern: "^[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*$",
  description: "A variable name, or a path into one, such as `order.total`.",
});

export const Expression = Type.String({
  minLength: 1,
  description: "A JSONata expression over the conversation's variables, e.g. `order.total >= 500`.",
});

/** One string, or one per language; who reads it is in the description, which the linter goes by. */
const perLanguage = (description: string) =>
  Type.Union(
    [
      Type.String({ minLength: 1 }),
      Type.Record(Type.String({ pattern: "^[a-z]{2}(?:-[A-Z]{2})?$" }), Type.String({ minLength: 1 }), {
        minProperties: 1,
      }),
    ],
    { description },
  );

/** Text shown to customers: one string, or one string per language of the flow. */
export const LocalizedText = perLanguage(
  'Text for the customer, with `{{ expression }}` templates. Either one text, or one per language: `{ "fr": "…", "en": "…" }`.',
);
export type LocalizedText = Static<typeof LocalizedText>;

/**
 * Text only agents read (an intent's label, an escalation rule's): shaped like `LocalizedText`, but
 * the version read is picked by the console's language, not the conversation's (`languageAgentsRead`).
 */
export const AgentText = perLanguage(
  'Text for agents, read in their console\'s language; customers never see it. Either one text, or one per language: `{ "fr": "…", "en": "…" }`.',
);
export type AgentText = Static<typeof AgentText>;

/**
 * The language whose version of a per-language text a conversation in `language` reads: its own, else one
 * of the same base language (`fr` for `fr-CA`), else the flow's first language, else the text's first.
 * The runtime shows it and the linter names it, so what a warning says is what customers get.
 */
export function languageShown(
  text: Readonly<Record<string, string>>,
  language: string,
  flowLanguages: readonly string[],
): string | undefined {
  const base = language.split("-")[0] ?? language;
  const sameBase = Object.keys(text).find((key) => key.split("-")[0] === base);
  const candidates = [language, sameBase, flowLanguages[0]];
  return candidates.find((key) => key !== undefined && text[key] !== undefined) ?? Object.keys(text)[0];
}

/**
 * A label kept whole for the consoles, which show it in their reader's language: its versions with the
 * flow's languages first, in the flow's order, so that a reader of none of them gets the flow's first
 * language without knowing the flow (canonical files sort the versions by language code).
 */
export function inFlowOrder<Label extends string | Readonly<Record<string, string>>>(
  label: Label,
  languages: readonly string[],
): Label {
  if (typeof label === "string") return label;
  const text = label as Readonly<Record<string, string>>;
  const first = languages.flatMap((language) => (text[language] === undefined ? [] : [[language, text[language]]]));
  return { ...Object.fromEntries(first), ...text } as Label;
}

/**
 * The language whose version of an agents' text agents read when their console is in `language`: the
 * consoles get the text `inFlowOrder` and pick as `languageShown` does without the flow, so a text
 * lacking the flow's first language reads in the first of the flow's languages it has, not in the
 * first version of the file.
 */
export const languageAgentsRead = (
  text: Readonly<Record<string, string>>,
  language: string,
  flowLanguages: readonly string[],
): string | undefined => languageShown(inFlowOrder(text, flowLanguages), language, []);

export const Priority = Type.Union(
  [Type.Literal("low"), Type.Literal("normal"), Type.Literal("high"), Type.Literal("urgent")],
  { description: "How soon a person should take the conversation." },
);
export type Priority = Static<typeof Priority>;

export const Label = Type.String({
  maxLength: 80,
  description: "A short name shown on the canvas; customers never see it.",
});

export const SecretName = Type.String({
  pattern: "^[A-Z][A-Z0-9_]*$",
  description: "The name of a secret the runtime reads from its environment, e.g. `CRM_TOKEN`.",
});

/**
 * A union told apart by one property. ajv's `discriminator` keyword reports the errors of the
 * matching branch only, so a mistake in a question node does not list the fields of all ten types.
 */
export function discriminated<T extends TObject[]>(
  propertyName: string,
  variants: [...T],
  options: { description?: string } = {},
): TUnsafe<Static<TUnion<T>>> {
  return Type.Unsafe<Static<TUnion<T>>>({
    ...options,
    type: "object",
    discriminator: { propertyName },
    oneOf: variants,
  });
}
