import { type Static, Type } from "@sinclair/typebox";
import { SLUG_PATTERN } from "../common.js";

/** What a person chooses: ready for conversations, or not for now. */
export const PresenceChoice = Type.Union([Type.Literal("available"), Type.Literal("away")]);
export type PresenceChoice = Static<typeof PresenceChoice>;

/**
 * How often an open console says its person is there (`GET /api/presence/me`). Only the browser can
 * say so: a laptop that sleeps keeps its connections open on the server for many minutes.
 */
export const PRESENCE_HEARTBEAT_MS = 30_000;
/**
 * How long a person counts as online after their console last said so: three heartbeats, since the
 * timers of a tab in the background may run only once a minute.
 */
export const PRESENCE_WINDOW_MS = 90_000;

/** What others see: the choice while the person has a console open, `offline` otherwise. */
export const Presence = Type.Union([Type.Literal("available"), Type.Literal("away"), Type.Literal("offline")]);
export type Presence = Static<typeof Presence>;

export const PresenceOf = Type.Object({
  userId: Type.String(),
  presence: Presence,
  /** Conversations the person holds now, every queue together: what capacity is measured against. */
  load: Type.Integer({ minimum: 0 }),
});
export type PresenceOf = Static<typeof PresenceOf>;

/** How a queue hands out its waiting cases. */
export const RoutingMode = Type.Union([Type.Literal("manual"), Type.Literal("automatic")], {
  description:
    "`manual`: people take the next case (or pick one); `automatic`: the most urgent case goes to an available person of the queue with room for it.",
});
export type RoutingMode = Static<typeof RoutingMode>;

export const QueueRouting = Type.Object({
  mode: RoutingMode,
  capacity: Type.Integer({
    minimum: 1,
    maximum: 50,
    description: "The most conversations a person holds at once before automatic assignment passes them by.",
  }),
  allowPicking: Type.Boolean({ description: "Agents may pick a case from the waiting list, not only the next one." }),
});
export type QueueRouting = Static<typeof QueueRouting>;

export const QueueRoutingOf = Type.Composite([Type.Object({ queueId: Type.String() }), QueueRouting]);
export type QueueRoutingOf = Static<typeof QueueRoutingOf>;

/** A queue without settings of its own: by hand, three at once, picking allowed (how queues worked before). */
export const DEFAULT_ROUTING: QueueRouting = { mode: "manual", capacity: 3, allowPicking: true };

export const PresenceBody = Type.Object({ status: PresenceChoice });
export type PresenceBody = Static<typeof PresenceBody>;

export const QueueIdParams = Type.Object({ id: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) });
export type QueueIdParams = Static<typeof QueueIdParams>;
