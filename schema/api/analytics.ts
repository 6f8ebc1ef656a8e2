import { type Static, Type } from "@sinclair/typebox";

/*
 * The analytics API's contract: what `GET /api/flows/:id/analytics` and its comparison answer,
 * shared by the runtime (validation, serialisation, OpenAPI) and the designer (types).
 */

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "A UTC day, `YYYY-MM-DD`." });
const Count = Type.Integer({ minimum: 0 });
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
  description: "A share between 0 and 1; null when there is nothing to divide by.",
});
const Label = Type.Union([Type.String(), Type.Record(Type.String(), Type.String()), Type.Null()], {
  description: "The rule's or node's label as the flow version words it (one text, or one per language).",
});

export const AnalyticsQuery = Type.Object(
  {
    version: Type.Optional(
      Type.String({ pattern: "^[1-9][0-9]{0,8}$", description: "A published version; every version when absent." }),
    ),
    from: Type.Optional({
      ...Day,
      description: "First UTC day of the period (conversations started that day on); 29 days before `to` by default.",
    }),
    to: Type.Optional({ ...Day, description: "Last UTC day of the period, included; today by default." }),
    abandonAfterMinutes: Type.Optional(
      Type.String({
        pattern: "^[1-9][0-9]{0,5}$",
        description:
          "Minutes without a customer message after which a conversation still with the bot counts as abandoned; `RELAIS_ANALYTICS_ABANDON_MINUTES` (30) by default.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type AnalyticsQuery = Static<typeof AnalyticsQuery>;

export const CompareQuery = Type.Object(
  {
    ...AnalyticsQuery.properties,
    version: Type.String({ pattern: "^[1-9][0-9]{0,8}$", description: "The version compared (on the left)." }),
    with: Type.String({ pattern: "^[1-9][0-9]{0,8}$", description: "The version it is compared with (on the right)." }),
  },
  { additionalProperties: false },
);
export type CompareQuery = Static<typeof CompareQuery>;

export const NodeFigures = Type.Object({
  nodeId: Type.String(),
  reached: Type.Integer({ minimum: 0, description: "Conversations that entered the node." }),
  dropOff: Type.Integer({ minimum: 0, description: "Abandoned conversations whose last step was this node." }),
  answers: Type.Integer({
    minimum: 0,
    description: "Customer answers the node read (questions, intent routers, choices).",
  }),
  notUnderstood: Type.Integer({
    minimum: 0,
    description: "Of those, answers not understood (a reprompt or a fallback).",
  }),
});
export type NodeFigures = Static<typeof NodeFigures>;

export const AnalyticsFigures = Type.Object(
  {
    flowId: Type.String(),
    version: Type.Union([Type.Integer(), Type.Null()], { description: "Null: every version together." }),
    from: Day,
    to: Day,
    abandonAfterMinutes: Type.Integer(),
    conversations: Type.Object({
      started: Count,
      contained: Type.Integer({ minimum: 0, description: "Ended by the bot, no person involved." }),
      handedOver: Type.Integer({ minimum: 0, description: "Handed to a person at least once." }),
      abandoned: Type.Integer({
        minimum: 0,
        description: "Still with the bot, no customer message for `abandonAfterMinutes`.",
      }),
      ongoing: Type.Integer({ minimum: 0, description: "Still with the bot, the customer wrote recently." }),
    }),
    containment: Share,
    medianMessages: Type.Union([Type.Number(), Type.Null()], {
      description: "Median of the messages a customer sent to the bot per conversation.",
    }),
    medianResolutionSeconds: Type.Union([Type.Number(), Type.Null()], {
      description: "Median time from the first message to the bot's end, over contained conversations.",
    }),
    medianHandoffSeconds: Type.Union([Type.Number(), Type.Null()], {
      description: "Median time from the first message to the first handoff, over handed-over conversations.",
    }),
    handoffsByRule: Type.Array(
      Type.Object({
        ruleId: Type.String({ description: "The escalation rule's id, the handoff node's id, or `error`." }),
        kind: Type.String({ description: "The rule's kind; `node` for a handoff node, `error` for a flow error." }),
        label: Label,
        count: Count,
      }),
      { description: "Handed-over conversations by what fired their first handoff, most first." },
    ),
    handoffsByNode: Type.Array(Type.Object({ flowId: Type.String(), nodeId: Type.String(), count: Count }), {
      description: "Handed-over conversations by the node their first handoff happened at, most first.",
    }),
    nodes: Type.Array(NodeFigures, { description: "The flow's nodes that any conversation reached." }),
    transitions: Type.Array(
      Type.Object({
        id: Type.String({ description: "`<node>><handle>`, the designer's edge id." }),
        from: Type.String(),
        handle: Type.String(),
        count: Type.Integer({ minimum: 0, description: "Conversations that took it." }),
      }),
    ),
    days: Type.Array(Type.Object({ day: Day, started: Count, contained: Count, handedOver: Count }), {
      description: "Every day of the period, by the day conversations started.",
    }),
  },
  { description: "A flow's figures over a period: conversations, containment, handoffs, and per node." },
);
export type AnalyticsFigures = Static<typeof AnalyticsFigures>;

export const AnalyticsComparison = Type.Object({
  version: AnalyticsFigures,
  with: AnalyticsFigures,
});
export type AnalyticsComparison = Static<typeof AnalyticsComparison>;
