import { type Static, Type } from "@sinclair/typebox";

/* What operators read: the runtime's health, and the customer messages set aside after failing. */

export const Health = Type.Object({
  status: Type.Literal("ok"),
  database: Type.Union([Type.Literal("sqlite"), Type.Literal("postgres")], {
    description: "The database it answered from.",
  }),
});
export type Health = Static<typeof Health>;

export const Metrics = Type.String({ description: "The Prometheus text exposition format." });

export const DeadLetter = Type.Object(
  {
    id: Type.Integer(),
    channel: Type.String(),
    flowId: Type.String(),
    address: Type.String({ description: "The sender, in the channel's terms." }),
    externalId: Type.String({ description: "The provider's message id." }),
    receivedAt: Type.Integer({ description: "Milliseconds since 1970 (UTC)." }),
    deadAt: Type.Integer({ description: "When it was set aside, milliseconds since 1970 (UTC)." }),
    attempts: Type.Integer({ minimum: 1 }),
    error: Type.String({ description: "What the last attempt failed on." }),
  },
  { description: "A message set aside after failing: what operators see to decide what to do with it." },
);
export type DeadLetter = Static<typeof DeadLetter>;

export const DeadLettersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export type DeadLettersQuery = Static<typeof DeadLettersQuery>;

/** Where a bookmarked console address sends the browser. */
export const PageRedirect = Type.Null({ description: "A redirect to the page in the single-page app (`Location`)." });
