import { type Static, Type } from "@sinclair/typebox";
import { AgentText, discriminated, Expression, LocalizedText, Priority, Slug } from "./common.js";

const ruleBase = {
  id: Slug,
  queue: Slug,
  priority: Priority,
};

/** Last in every kind, so that canonical files keep the order they had when only value rules had one. */
const ruleLabel = {
  label: Type.Optional(
    // An agents' text, but as loose as it always was (an empty text, any key): published versions are
    // checked again when read, and one stored with such a label must stay readable.
    Type.Union([Type.String(), Type.Record(Type.String(), Type.String())], { description: AgentText.description }),
  ),
};

export const EscalationRule = discriminated(
  "kind",
  [
    Type.Object(
      {
        ...ruleBase,
        kind: Type.Literal("failedInputs"),
        threshold: Type.Integer({ minimum: 1, description: "Consecutive answers that were not understood." }),
        ...ruleLabel,
      },
      { additionalProperties: false, description: "Complexity: the customer's answers keep failing." },
    ),
    Type.Object(
      {
        ...ruleBase,
        kind: Type.Literal("lowConfidence"),
        floor: Type.Number({
          minimum: 0,
          maximum: 1,
          description: "Intent confidence below which a person takes over.",
        }),
        ...ruleLabel,
      },
      { additionalProperties: false, description: "Complexity: the bot is unsure what the customer wants." },
    ),
    Type.Object(
      { ...ruleBase, kind: Type.Literal("humanRequest"), ...ruleLabel },
      { additionalProperties: false, description: "The customer asks for a person; always honoured." },
    ),
    Type.Object(
      {
        ...ruleBase,
        kind: Type.Literal("negativeSentiment"),
        threshold: Type.Number({
          minimum: -1,
          maximum: 0,
          description: "Sentiment score (from -1 to 1) at or below which a person takes over, e.g. -0.5.",
        }),
        ...ruleLabel,
      },
      { additionalProperties: false, description: "Complexity: the customer is upset." },
    ),
    Type.Object(
      {
        ...ruleBase,
        kind: Type.Literal("loop"),
        maxVisits: Type.Integer({ minimum: 2, description: "Visits of the same step in one conversation." }),
        ...ruleLabel,
      },
      { additionalProperties: false, description: "Complexity: the conversation goes round in circles." },
    ),
    Type.Object(
      {
        ...ruleBase,
        kind: Type.Literal("value"),
        when: Expression,
        ...ruleLabel,
      },
      {
        additionalProperties: false,
        description: "Value: an expression over collected variables, e.g. `order.total >= 500`.",
      },
    ),
  ],
  {
    description:
      "A rule that hands the conversation to a person when it fires; `label` is the rule in plain words for agents, e.g. `Montant de commande élevé`: the handoff's reason.",
  },
);
export type EscalationRule = Static<typeof EscalationRule>;
export type EscalationRuleKind = EscalationRule["kind"];

export const EscalationPolicy = Type.Object(
  {
    defaultQueue: Type.String({
      ...Slug,
      description: "Queue for handoffs that name none: runtime errors and loops that never wait.",
    }),
    text: Type.Optional(LocalizedText),
    rules: Type.Array(EscalationRule, { description: "Checked at every step, in order; the first that fires wins." }),
  },
  {
    additionalProperties: false,
    description: "When the bot hands over to a person, checked by the engine at every step.",
  },
);
export type EscalationPolicy = Static<typeof EscalationPolicy>;
