import { type Static, Type } from "@sinclair/typebox";
import { Priority } from "../common.js";
import { HandoffReason } from "./handoff.js";

export const Handoff = Type.Object({
  queue: Type.String(),
  priority: Priority,
  reason: HandoffReason,
  note: Type.Optional(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description: "Every collected variable, so the agent never asks again.",
  }),
  flowId: Type.String(),
  nodeId: Type.String(),
});
export type Handoff = Static<typeof Handoff>;

/** Kinds of value found inside what customers write, that questions can take without asking. */
export const EntityKind = Type.Union([
  Type.Literal("email"),
  Type.Literal("phone"),
  Type.Literal("date"),
  Type.Literal("pattern"),
  Type.Literal("amount"),
]);
export type EntityKind = Static<typeof EntityKind>;

/** A value a customer gave that no question has taken yet. */
export const HeardEntity = Type.Object({
  kind: EntityKind,
  key: Type.String({
    description:
      "Which questions take it: the kind, with the phone region or the pattern (`phone:FR`, `pattern:i:CMD-[0-9]{6}`).",
  }),
  value: Type.Unknown(),
});
export type HeardEntity = Static<typeof HeardEntity>;

export const Frame = Type.Object({ flowId: Type.String(), nodeId: Type.String() });
export type Frame = Static<typeof Frame>;

/** Everything the engine needs to go on later; JSON-serialisable, stored with the conversation. */
export const ConversationState = Type.Object({
  stack: Type.Array(Frame, {
    description: "Call stack: the last frame is where the conversation is; earlier ones are `jump` nodes to return to.",
  }),
  status: Type.Union([Type.Literal("active"), Type.Literal("handoff"), Type.Literal("ended")]),
  language: Type.String({
    description: "One of the flow's languages: replies, reprompts and system messages are in it.",
  }),
  languageFrom: Type.Optional(
    Type.Object(
      {
        source: Type.Union([Type.Literal("hint"), Type.Literal("default"), Type.Literal("detected")]),
        confidence: Type.Optional(Type.Number()),
        sure: Type.Optional(Type.Boolean()),
      },
      {
        description:
          "How the language was set: `hint` (given by the channel), `default` (the flow's first), or detected from what the customer wrote, with its confidence. Once `sure`, it no longer changes.",
      },
    ),
  ),
  variables: Type.Record(Type.String(), Type.Unknown()),
  openingText: Type.Optional(Type.String({ description: "The opening message, until the flow first waits." })),
  entities: Type.Optional(
    Type.Array(HeardEntity, {
      description:
        "Values the customer gave that no question has taken yet, the latest of each key: the next question asking for one takes it instead of asking.",
    }),
  ),
  answered: Type.Optional(
    Type.Array(Type.String(), {
      description:
        "Variables questions of this conversation saved: a question saving one again asks, whatever it holds.",
    }),
  ),
  effectsSinceInput: Type.Optional(
    Type.Number({ description: "HTTP calls since the customer last wrote, bounded so that a loop of lookups ends." }),
  ),
  pendingEffect: Type.Optional(
    Type.Object(
      { id: Type.String(), nodeId: Type.String() },
      { description: "Set while the engine waits for an effect's result." },
    ),
  ),
  attempts: Type.Number({ description: "Answers given at the current question, for `maxAttempts`." }),
  failedInputs: Type.Number({
    description: "Consecutive answers that were not understood, for the `failedInputs` rule.",
  }),
  visits: Type.Record(Type.String(), Type.Number(), {
    description: "Visits per `flowId/nodeId`, for the `loop` rule.",
  }),
  firedRules: Type.Optional(
    Type.Array(Type.String(), {
      description: "Escalation rules that already fired (`flowId/ruleId`): each fires at most once per conversation.",
    }),
  ),
  handoff: Type.Optional(Handoff),
});
export type ConversationState = Static<typeof ConversationState>;
