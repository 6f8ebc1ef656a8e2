import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  errorResponses,
  PRESENCE_HEARTBEAT_MS,
  PRESENCE_WINDOW_MS,
  PresenceBody,
  PresenceOf,
  QueueIdParams,
  QueueRouting,
  QueueRoutingOf,
} from "../../schema/api/index.js";
import { DomainError } from "../domain-error.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import { AutoAssigner } from "../queue/auto-assign.js";
import { choosePresence, markSeen, peopleAtWork } from "../queue/presence.js";
import { loadRouting, saveRouting } from "../queue/routing-settings.js";
import { describeFailure } from "../store/failure.js";

/** Automatic assignment also looks this often, for what no event announces (a console reopened, a session running out). */
const SWEEP_MS = 5_000;

const WINDOW_S = PRESENCE_WINDOW_MS / 1000;
const HEARTBEAT_S = PRESENCE_HEARTBEAT_MS / 1000;

const presenceOf = (person: PresenceOf): PresenceOf => ({
  userId: person.userId,
  presence: person.presence,
  load: person.load,
});

/**
 * Routing: people say whether they are available; admins set each queue to manual or automatic,
 * with a capacity per person and whether agents may pick from the waiting list; automatic queues
 * give out their cases by themselves.
 */
const routingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const assigner = new AutoAssigner({
    store: app.store,
    live: app.live,
    outbox: app.outbox,
    metrics: app.metrics,
    onError: (error) => {
      if (!app.dbHealth.failed(error)) {
        app.log.error({ failure: describeFailure(error) }, "automatic assignment failed; it tries again");
      }
    },
  });
  app.addHook("onReady", async () => assigner.start(SWEEP_MS));
  app.addHook("onClose", () => assigner.stop());
  const agent = requireRole("agent");
  const tags = ["routing"];

  const mine = async (userId: string) => {
    const me = (await peopleAtWork(app.store)).find((person) => person.userId === userId);
    if (!me) {
      throw new DomainError("forbidden", "NOT_AT_WORK", "Only open accounts that work conversations have a presence.");
    }
    return presenceOf(me);
  };

  app.get(
    "/api/presence/me",
    {
      schema: {
        tags,
        description: `Your presence and how many conversations you hold. Asking says you are there: an open console asks every ${HEARTBEAT_S} s, and you stay online ${WINDOW_S} s after the last time.`,
        response: { 200: PresenceOf, ...errorResponses(400, 401, 403) },
      },
      onRequest: agent,
    },
    async (request) => {
      // Whoever asks is there: a console asks as it opens, and must not read offline from before it came.
      await markSeen(app.store, signedIn(request).id);
      return mine(signedIn(request).id);
    },
  );

  app.put(
    "/api/presence/me",
    {
      schema: {
        tags,
        description: `Say you are available (automatic queues then give you cases, up to their capacity) or away. You are offline whatever you chose once your last session ends, or ${WINDOW_S} s after your console last asked for your presence; you are again what you chose when one asks or opens its live events (\`/api/events\`).`,
        body: PresenceBody,
        response: { 200: PresenceOf, ...errorResponses(400, 401, 403, 413, 415) },
      },
      onRequest: agent,
    },
    async (request) => {
      await choosePresence(app.store, signedIn(request).id, request.body.status);
      assigner.wake();
      return mine(signedIn(request).id);
    },
  );

  app.get(
    "/api/presence",
    {
      schema: {
        tags,
        description: `Everyone who works conversations: available, away or offline (no session, or no console heard from in the last ${WINDOW_S} s), and their load.`,
        response: { 200: Type.Array(PresenceOf), ...errorResponses(400, 401, 403) },
      },
      onRequest: requireRole("supervisor"),
    },
    async () => (await peopleAtWork(app.store)).map(presenceOf),
  );

  app.get(
    "/api/routing",
    {
      schema: {
        tags,
        description: "Each queue's routing: manual or automatic, capacity per person, picking allowed or not.",
        response: { 200: Type.Array(QueueRoutingOf), ...errorResponses(400, 401, 403) },
      },
      onRequest: agent,
    },
    async () => [...(await loadRouting(app.store)).values()],
  );

  app.put(
    "/api/queues/:id/routing",
    {
      schema: {
        tags,
        params: QueueIdParams,
        body: QueueRouting,
        response: { 200: QueueRoutingOf, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { id } = request.params;
      await saveRouting(app.store, id, request.body);
      assigner.wake();
      const saved = (await loadRouting(app.store)).get(id);
      if (!saved) throw new DomainError("notFound", "UNKNOWN_QUEUE", `There is no queue \`${id}\`.`);
      return saved;
    },
  );
};
export default routingRoutes;
