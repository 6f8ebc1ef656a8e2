import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { PresenceChoice, PresenceOf, QueueRouting, QueueRoutingOf } from "../../schema/api/routing.js";
import { SLUG_PATTERN } from "../../schema/index.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";
import { AutoAssigner } from "../queue/auto-assign.js";
import { choosePresence, peopleAtWork } from "../queue/presence.js";
import { loadRouting, saveRouting } from "../queue/routing-settings.js";

/** Automatic assignment also looks this often, for what no event announces (a session running out). */
const SWEEP_MS = 5_000;

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
export default async function routingRoutes(app: FastifyInstance) {
  const assigner = new AutoAssigner({
    store: app.store,
    live: app.live,
    outbox: app.outbox,
    metrics: app.metrics,
    onError: (error) => app.log.error({ err: error }, "automatic assignment failed; it tries again"),
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
        description: "Your presence and how many conversations you hold.",
        response: { 200: PresenceOf },
      },
      onRequest: agent,
    },
    (request) => mine(request.user!.id),
  );

  app.put(
    "/api/presence/me",
    {
      schema: {
        tags,
        description:
          "Say you are available (automatic queues then give you cases, up to their capacity) or away. You are offline whatever you chose once your last session ends.",
        body: Type.Object({ status: PresenceChoice }),
        response: { 200: PresenceOf },
      },
      onRequest: agent,
    },
    async (request) => {
      await choosePresence(app.store, request.user!.id, (request.body as { status: PresenceChoice }).status);
      assigner.wake();
      return mine(request.user!.id);
    },
  );

  app.get(
    "/api/presence",
    {
      schema: {
        tags,
        description: "Everyone who works conversations: available, away or offline, and their load.",
        response: { 200: Type.Array(PresenceOf) },
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
        response: { 200: Type.Array(QueueRoutingOf) },
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
        params: Type.Object({ id: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) }),
        body: QueueRouting,
        response: { 200: QueueRoutingOf },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { id } = request.params as { id: string };
      await saveRouting(app.store, id, request.body as QueueRouting);
      assigner.wake();
      const saved = (await loadRouting(app.store)).get(id);
      if (!saved) throw new DomainError("notFound", "UNKNOWN_QUEUE", `There is no queue \`${id}\`.`);
      return saved;
    },
  );
}
