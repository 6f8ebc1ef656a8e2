import { type Static, Type } from "@sinclair/typebox";
import { Priority } from "../common.js";

/** A comparison operator of a value rule, as JSONata writes it. */
export const ComparisonOperator = Type.Union([
  Type.Literal("="),
  Type.Literal("!="),
  Type.Literal("<"),
  Type.Literal("<="),
  Type.Literal(">"),
  Type.Literal(">="),
  Type.Literal("in"),
]);
export type ComparisonOperator = Static<typeof ComparisonOperator>;

/** One comparison of a value rule, with the value the variable had when the rule fired. */
export const Comparison = Type.Object(
  {
    path: Type.String({ description: "The variable compared, e.g. `order.total`." }),
    value: Type.Optional(Type.Unknown({ description: "Its value when the rule fired; absent when unset." })),
    currency: Type.Optional(
      Type.String({ description: "ISO 4217 code when the value is an amount, e.g. `EUR` beside `order.total`." }),
    ),
    operator: ComparisonOperator,
    literal: Type.Unknown({ description: "What it is compared with, as the rule writes it, e.g. `500`." }),
    literalCurrency: Type.Optional(
      Type.String({
        description:
          'ISO 4217 code of the threshold when the rule compares an amount in one currency only, e.g. `EUR` for `refund.value >= 500 and refund.currency = "EUR"`.',
      }),
    ),
    literalFirst: Type.Optional(Type.Boolean({ description: "The rule writes the literal first: `500 <= x`." })),
    joiner: Type.Optional(
      Type.Union([Type.Literal("and"), Type.Literal("or")], { description: "How it joins the comparison before it." }),
    ),
  },
  { description: "e.g. `order.total` was 740, compared `>=` with 500." },
);
export type Comparison = Static<typeof Comparison>;

/**
 * A rule's or a step's label as the flow words it, for each reader to take theirs. Reasons recorded while
 * the label was put in the conversation's language hold that one text.
 */
export const ReasonLabel = Type.Union([Type.String(), Type.Record(Type.String(), Type.String())], {
  description:
    "One text, or one per language with the flow's first language first: a reader whose language is missing reads that one.",
});
export type ReasonLabel = Static<typeof ReasonLabel>;

const base = {
  ruleId: Type.String({ description: "The escalation rule id, the handoff node id, `error` or `transfer`." }),
  label: Type.Optional(ReasonLabel),
  detail: Type.Optional(
    Type.String({
      description:
        "Only on reasons recorded before reasons were data: the sentence then written, shown as it is when the facts below are missing.",
    }),
  ),
};

/**
 * Why a conversation went to a person, as facts: which rule, its bound, the values that made it fire.
 * Each console and each channel puts them in words in its own language; nothing parses them back.
 */
export const HandoffReason = Type.Union(
  [
    Type.Object({
      ...base,
      kind: Type.Literal("value"),
      when: Type.Optional(Type.String({ description: "The rule's expression." })),
      values: Type.Record(Type.String(), Type.Unknown(), { description: "Each variable the rule read, by path." }),
      comparisons: Type.Optional(
        Type.Array(Comparison, {
          description: "The rule as plain comparisons joined by and/or; absent for any other expression.",
        }),
      ),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("humanRequest"),
      values: Type.Object({ text: Type.String(), keyword: Type.String() }),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("failedInputs"),
      threshold: Type.Optional(Type.Integer()),
      values: Type.Object({ failedInputs: Type.Integer(), nodeId: Type.String() }),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("lowConfidence"),
      floor: Type.Optional(Type.Number()),
      values: Type.Object({
        intent: Type.Union([Type.String(), Type.Null()]),
        confidence: Type.Number(),
        intentLabel: Type.Optional({
          ...ReasonLabel,
          description: "The nearest intent's label, when the flow gives one.",
        }),
      }),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("negativeSentiment"),
      threshold: Type.Optional(Type.Number()),
      values: Type.Object({ sentiment: Type.Number(), text: Type.String() }),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("loop"),
      maxVisits: Type.Optional(Type.Integer()),
      values: Type.Object({ nodeId: Type.String(), visits: Type.Integer() }),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("node"),
      values: Type.Object({}),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("transfer"),
      values: Type.Object({}),
    }),
    Type.Object({
      ...base,
      kind: Type.Literal("error"),
      message: Type.Optional(Type.String({ description: "What failed, for the operator and the agent." })),
      values: Type.Object({ code: Type.Optional(Type.String()) }),
    }),
  ],
  { description: "Why the conversation went to a person." },
);
export type HandoffReason = Static<typeof HandoffReason>;
export type HandoffReasonKind = HandoffReason["kind"];

/** Who held a conversation before a supervisor moved it; null: nobody, it was waiting. */
const HeldBy = Type.Union([Type.String(), Type.Null()]);

/** What happened in a conversation besides messages, as an event and its facts; consoles word it. */
export const TranscriptEvent = Type.Union([
  Type.Object({
    event: Type.Literal("handedOff"),
    params: Type.Object({ queue: Type.String(), priority: Priority, reason: HandoffReason }),
  }),
  Type.Object({
    event: Type.Literal("transferred"),
    params: Type.Object({ agent: Type.String(), queue: Type.String() }),
  }),
  Type.Object({
    event: Type.Literal("closed"),
    params: Type.Object({
      agent: Type.String(),
      disposition: Type.String({ description: "The disposition's code (see DISPOSITIONS); each console words it." }),
    }),
  }),
  Type.Object({
    event: Type.Literal("gaveBack"),
    params: Type.Object({ agent: Type.String(), nodeId: Type.String({ description: "The step the bot resumed at." }) }),
  }),
  Type.Object({
    event: Type.Literal("takenOver"),
    params: Type.Object({ by: Type.String(), from: HeldBy }),
  }),
  Type.Object({
    event: Type.Literal("reassigned"),
    params: Type.Object({ by: Type.String(), from: HeldBy, to: Type.String() }),
  }),
  Type.Object({
    event: Type.Literal("requeued"),
    params: Type.Object({ by: Type.String(), from: HeldBy, queue: Type.String() }),
  }),
]);
export type TranscriptEvent = Static<typeof TranscriptEvent>;
