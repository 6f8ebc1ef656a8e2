import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { and, eq, isNull } from "drizzle-orm";
import { errorResponses, NewQueueBody, QueueParams, QueueSettings, SavedQueue } from "../../schema/api/index.js";
import { assertSchedule } from "../conversation/queue-settings.js";
import { createQueue, loadQueues } from "../conversation/queues.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";

/**
 * Queue settings for admins: read them all (to edit them with `PUT /api/queues/:id`), create one, and remove
 * unused ones.
 */
const queueAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = requireRole("admin");
  const tags = ["agent"];

  app.get(
    "/api/queue-settings",
    {
      schema: {
        tags,
        description: "Every queue with its level, business hours, holidays, SLA target and out-of-hours message.",
        response: { 200: Type.Array(QueueSettings), ...errorResponses(401, 403) },
      },
      onRequest: admin,
    },
    async () =>
      [...(await loadQueues(app.store)).values()].sort((a, b) => a.level - b.level || a.id.localeCompare(b.id)),
  );

  app.post(
    "/api/queues",
    {
      schema: {
        tags,
        description:
          "Creates a queue; refused with QUEUE_EXISTS when its id is already a queue's (whose settings stay as they were), and with BAD_SCHEDULE when its hours cannot work.",
        body: NewQueueBody,
        response: { 201: SavedQueue, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { id } = request.body;
      assertSchedule(request.body);
      if (!(await createQueue(app.store, request.body))) {
        throw new DomainError(
          "conflict",
          "QUEUE_EXISTS",
          `There is already a queue \`${id}\`: change its settings rather than create it again, or choose another id.`,
          undefined,
          { id },
        );
      }
      return reply.status(201).send({ id });
    },
  );

  app.delete(
    "/api/queues/:id",
    {
      schema: {
        tags,
        description: "Removes a queue nobody waits in or is served from any more.",
        params: QueueParams,
        response: { 204: Type.Null({ description: "Removed." }), ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { queues, handoffs } = app.store.tables;
      await app.store.tx(async (db) => {
        const open = await db
          .select({ id: handoffs.id })
          .from(handoffs)
          .where(and(eq(handoffs.queue, id), isNull(handoffs.closedAt)))
          .limit(1);
        if (open.length > 0) {
          throw new DomainError(
            "conflict",
            "QUEUE_IN_USE",
            `The queue \`${id}\` still has open conversations; transfer or resolve them before removing it.`,
          );
        }
        const removed = await db.delete(queues).where(eq(queues.id, id)).returning({ id: queues.id });
        if (removed.length === 0) throw new DomainError("notFound", "UNKNOWN_QUEUE", `There is no queue \`${id}\`.`);
      });
      return reply.status(204).send(null);
    },
  );
};

export default queueAdminRoutes;
