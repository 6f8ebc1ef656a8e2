import { type Static, Type } from "@sinclair/typebox";
import { AgentText, Label, LocalizedText, NodeId, target, VariablePath } from "../common.js";
import { type NodeDefinition, templatesOf, withField, withItemTarget } from "./definition.js";

export const IntentId = Type.String({
  pattern: "^[a-z][a-z0-9_]*$",
  maxLength: 64,
  description: "An intent id in snake_case, e.g. `order_status`.",
});

export const IntentRoute = Type.Object(
  {
    id: IntentId,
    label: Type.Optional(AgentText),
    examples: Type.Record(
      Type.String({ pattern: "^[a-z]{2}(?:-[A-Z]{2})?$" }),
      Type.Array(Type.String({ minLength: 1 })),
      {
        minProperties: 1,
        description: 'Example phrases per language, e.g. `{ "fr": ["où est ma commande"] }`.',
      },
    ),
    next: target("Where this intent leads."),
  },
  {
    additionalProperties: false,
    description:
      'An intent and where it leads; `label` is what agents read for it in the handoff, e.g. `{ "fr": "Suivi de commande", "en": "Order status" }` (customers never see it).',
  },
);
export type IntentRoute = Static<typeof IntentRoute>;

export const IntentNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("intent"),
    label: Type.Optional(Label),
    text: Type.Optional(LocalizedText),
    intents: Type.Array(IntentRoute, { minItems: 1 }),
    confidenceFloor: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: "Below this confidence the answer goes to the fallback. Default 0.5.",
      }),
    ),
    saveAs: Type.Optional(VariablePath),
    fallback: target("Where to go when no intent is recognised with enough confidence."),
  },
  {
    additionalProperties: false,
    description: "Asks (optionally) and recognises what the customer wants from what they write.",
  },
);
export type IntentNode = Static<typeof IntentNode>;

export const DEFAULT_CONFIDENCE_FLOOR = 0.5;

export const intent: NodeDefinition<IntentNode> = {
  type: "intent",
  schema: IntentNode,
  create: (id) => ({
    id,
    type: "intent",
    text: { fr: "Que puis-je faire pour vous ?", en: "How can I help you?" },
    intents: [{ id: "human", examples: { fr: ["parler à un conseiller"], en: ["talk to a person"] } }],
  }),
  transitions: (node) => [
    ...node.intents.map((route, i) => ({
      handle: `intent:${route.id}`,
      target: route.next,
      label: route.id,
      pointer: `/intents/${i}/next`,
      required: true,
    })),
    {
      handle: "fallback",
      target: node.fallback,
      label: { fr: "non reconnu", en: "not recognised" },
      pointer: "/fallback",
      required: true,
    },
  ],
  connect: (node, handle, target) =>
    handle.startsWith("intent:")
      ? withItemTarget(node, "intents", handle.slice(7), "next", target)
      : withField(node, "fallback", target),
  expressions: (node) => templatesOf(node.text, "/text"),
  writes: (node) => (node.saveAs ? [node.saveAs] : []),
  ui: {
    title: { fr: "Intention", en: "Intent" },
    description: {
      fr: "Reconnaît la demande du client et l'oriente.",
      en: "Recognises what the customer wants and routes it.",
    },
    color: "#db2777",
    fields: [
      { field: "text", widget: "localizedText", label: { fr: "Question posée", en: "Prompt" } },
      { field: "intents", widget: "intents", label: { fr: "Intentions", en: "Intents" } },
      {
        field: "confidenceFloor",
        widget: "number",
        label: { fr: "Confiance minimale", en: "Confidence floor" },
        help: { fr: "Entre 0 et 1 ; 0,5 par défaut.", en: "Between 0 and 1; 0.5 by default." },
      },
      { field: "saveAs", widget: "variable", label: { fr: "Enregistrer l'intention dans", en: "Save intent into" } },
    ],
  },
};
