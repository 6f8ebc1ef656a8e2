import type { PresenceChoice, PresenceOf, QueueRouting, QueueRoutingOf } from "../../../schema/api/index.js";
import { call } from "../api.js";

/** Presence and queue routing (runtime/routes/routing.ts). */
export const routingApi = {
  myPresence: () => call<PresenceOf>("GET", "/api/presence/me"),
  setPresence: (status: PresenceChoice) => call<PresenceOf>("PUT", "/api/presence/me", { status }),
  /** Everyone who works conversations; supervisors and admins only. */
  presence: () => call<PresenceOf[]>("GET", "/api/presence"),
  routing: () => call<QueueRoutingOf[]>("GET", "/api/routing"),
  saveRouting: (queueId: string, routing: QueueRouting) =>
    call<QueueRoutingOf>("PUT", `/api/queues/${encodeURIComponent(queueId)}/routing`, routing),
};
