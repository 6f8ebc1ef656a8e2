import { type Static, Type } from "@sinclair/typebox";

export const TeamReportQuery = Type.Object({
  from: Type.String({
    format: "date",
    description: "First day of the cases counted, by when they reached a queue, in `timezone`.",
  }),
  to: Type.String({ format: "date", description: "Last day, included, in `timezone`." }),
  timezone: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The IANA time zone the days are in, e.g. `Europe/Paris` (the reader's); `UTC` when absent.",
    }),
  ),
});
export type TeamReportQuery = Static<typeof TeamReportQuery>;

const Seconds = Type.Union([Type.Number(), Type.Null()], { description: "Seconds; null without a case to measure." });

/** The figures of one queue or one person over the period. */
export const TeamFigures = Type.Object({
  id: Type.String({ description: "The queue's id, or the person's." }),
  name: Type.String(),
  /** Cases taken by a person (by hand or automatically). */
  handled: Type.Integer({ minimum: 0 }),
  medianWaitSeconds: Seconds,
  p90WaitSeconds: Seconds,
  medianHandlingSeconds: Seconds,
  p90HandlingSeconds: Seconds,
  /** Cases taken before their SLA ran out (the SLA counts open hours only). */
  slaMet: Type.Integer({ minimum: 0 }),
  transfers: Type.Integer({ minimum: 0 }),
  /** Closed cases per disposition code. */
  dispositions: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  /** The customers' answers to the satisfaction question asked on resolve, in the period. */
  satisfaction: Type.Object({
    answers: Type.Integer({ minimum: 0 }),
    average: Type.Union([Type.Number(), Type.Null()], { description: "Mean score, 1 to 5; null without an answer." }),
    scores: Type.Array(Type.Integer({ minimum: 0 }), {
      minItems: 5,
      maxItems: 5,
      description: "How many answered 1, 2, 3, 4 and 5.",
    }),
  }),
});
export type TeamFigures = Static<typeof TeamFigures>;

export const TeamReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  timezone: Type.String({ description: "The IANA time zone of the days from and to." }),
  queues: Type.Array(TeamFigures),
  agents: Type.Array(TeamFigures),
});
export type TeamReport = Static<typeof TeamReport>;
