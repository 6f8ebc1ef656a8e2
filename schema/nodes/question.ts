import { type Static, Type } from "@sinclair/typebox";
import { discriminated, Label, LocalizedText, NodeId, Slug, target, VariablePath } from "../common.js";
import { type NodeDefinition, THEN, templatesOf, variableNamedAfter, withField, withItemTarget } from "./definition.js";

export const QuestionChoice = Type.Object(
  {
    id: Slug,
    label: LocalizedText,
    value: Type.Optional(
      Type.Union([Type.String(), Type.Number(), Type.Boolean()], {
        description: "What is saved when this choice is picked; the choice id when left out.",
      }),
    ),
    next: target("Where this choice leads; the question's `next` when left out."),
  },
  { additionalProperties: false },
);
export type QuestionChoice = Static<typeof QuestionChoice>;

export const QuestionInput = discriminated(
  "kind",
  [
    Type.Object(
      {
        kind: Type.Literal("text"),
        minLength: Type.Optional(Type.Integer({ minimum: 0 })),
        maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      { additionalProperties: false, description: "Any text." },
    ),
    Type.Object(
      {
        kind: Type.Literal("number"),
        min: Type.Optional(Type.Number()),
        max: Type.Optional(Type.Number()),
        integer: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false, description: "A number; a comma is accepted as decimal separator." },
    ),
    Type.Object({ kind: Type.Literal("email") }, { additionalProperties: false, description: "An email address." }),
    Type.Object(
      {
        kind: Type.Literal("phone"),
        region: Type.Optional(
          Type.String({ pattern: "^[A-Z]{2}$", description: "Country for numbers without +prefix, e.g. `FR`." }),
        ),
      },
      { additionalProperties: false, description: "A phone number, saved in international form (+33…)." },
    ),
    Type.Object(
      {
        kind: Type.Literal("amount"),
        currency: Type.Optional(
          Type.String({
            pattern: "^[A-Z]{3}$",
            description: "ISO 4217 code of an amount written without a currency, e.g. `EUR` (the default).",
          }),
        ),
      },
      {
        additionalProperties: false,
        description:
          "An amount of money (300 €, 45,50 EUR, $45.50), saved as `{ value, currency }`; a bare number takes `currency`.",
      },
    ),
    Type.Object(
      { kind: Type.Literal("date") },
      { additionalProperties: false, description: "A date (31/12/2026 or 2026-12-31), saved as YYYY-MM-DD." },
    ),
    Type.Object(
      { kind: Type.Literal("choice"), choices: Type.Array(QuestionChoice, { minItems: 1, maxItems: 10 }) },
      { additionalProperties: false, description: "One of a list of choices." },
    ),
    Type.Object(
      {
        kind: Type.Literal("pattern"),
        pattern: Type.String({
          minLength: 1,
          description: "A regular expression the whole answer must match, e.g. `CMD-[0-9]{6}`.",
        }),
        caseSensitive: Type.Optional(Type.Boolean()),
        example: Type.Optional(
          Type.String({
            description:
              "An answer that matches: shown to editors, and to a customer whose answer does not fit when the question has no reprompt.",
          }),
        ),
      },
      { additionalProperties: false, description: "Text matching a regular expression, such as an order number." },
    ),
  ],
  { description: "What answer the question accepts." },
);
export type QuestionInput = Static<typeof QuestionInput>;

export const QuestionNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("question"),
    label: Type.Optional(Label),
    text: LocalizedText,
    input: QuestionInput,
    saveAs: VariablePath,
    reprompt: Type.Optional(LocalizedText),
    alwaysAsk: Type.Optional(
      Type.Boolean({
        description:
          "Ask even when the answer is already known: given in an earlier message (an e-mail, an order number…) or set before the question is reached. Left out, such a question is skipped.",
      }),
    ),
    maxAttempts: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, description: "How many answers are accepted before giving up." }),
    ),
    next: target("Where to go once the answer is valid."),
    onMaxAttempts: target("Where to go when the customer has not given a valid answer after `maxAttempts`."),
  },
  { additionalProperties: false, description: "Asks a question, checks the answer and saves it into a variable." },
);
export type QuestionNode = Static<typeof QuestionNode>;

export const question: NodeDefinition<QuestionNode> = {
  type: "question",
  schema: QuestionNode,
  create: (id) => ({
    id,
    type: "question",
    text: { fr: "Votre réponse ?", en: "Your answer?" },
    input: { kind: "text" },
    saveAs: variableNamedAfter(id),
    maxAttempts: 3,
  }),
  transitions: (node) => [
    ...(node.input.kind === "choice"
      ? node.input.choices.map((choice, i) => ({
          handle: `choice:${choice.id}`,
          target: choice.next,
          label: typeof choice.label === "string" ? choice.label : (Object.values(choice.label)[0] ?? choice.id),
          pointer: `/input/choices/${i}/next`,
          required: false,
        }))
      : []),
    { handle: "next", target: node.next, label: THEN, pointer: "/next", required: true },
    ...(node.maxAttempts !== undefined
      ? [
          {
            handle: "maxAttempts",
            target: node.onMaxAttempts,
            label: { fr: "trop d'essais", en: "too many attempts" },
            pointer: "/onMaxAttempts",
            required: true,
          },
        ]
      : []),
  ],
  connect: (node, handle, target) => {
    if (handle.startsWith("choice:") && node.input.kind === "choice") {
      return { ...node, input: withItemTarget(node.input, "choices", handle.slice(7), "next", target) };
    }
    return withField(node, handle === "maxAttempts" ? "onMaxAttempts" : "next", target);
  },
  expressions: (node) => [
    ...templatesOf(node.text, "/text"),
    ...templatesOf(node.reprompt, "/reprompt"),
    ...(node.input.kind === "choice"
      ? node.input.choices.flatMap((choice, i) => templatesOf(choice.label, `/input/choices/${i}/label`))
      : []),
  ],
  writes: (node) => [node.saveAs],
  ui: {
    title: { fr: "Question", en: "Question" },
    description: {
      fr: "Pose une question, vérifie la réponse et l'enregistre.",
      en: "Asks a question, checks the answer and saves it.",
    },
    color: "#9333ea",
    fields: [
      { field: "text", widget: "localizedText", label: { fr: "Question", en: "Question" } },
      { field: "input", widget: "questionInput", label: { fr: "Réponse attendue", en: "Expected answer" } },
      { field: "saveAs", widget: "variable", label: { fr: "Enregistrer dans", en: "Save into" } },
      {
        field: "reprompt",
        widget: "localizedText",
        label: { fr: "Relance si la réponse ne convient pas", en: "Reprompt when the answer is not valid" },
      },
      { field: "maxAttempts", widget: "number", label: { fr: "Nombre d'essais", en: "Attempts" } },
      {
        field: "alwaysAsk",
        widget: "checkbox",
        label: { fr: "Toujours poser la question", en: "Always ask" },
        help: {
          fr: "Sinon, la question est sautée quand le client a déjà donné la réponse (dans un message précédent, par exemple son e-mail ou son numéro de commande).",
          en: "Otherwise the question is skipped when the customer has already given the answer (in an earlier message, such as their e-mail or order number).",
        },
      },
    ],
  },
};
