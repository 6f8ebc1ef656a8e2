import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { requireRole } from "../plugins/auth.js";

const DeadLetterSchema = Type.Object({
  id: Type.Integer(),
  channel: Type.String(),
  flowId: Type.String(),
  address: Type.String(),
  externalId: Type.String(),
  receivedAt: Type.Integer(),
  deadAt: Type.Integer(),
  attempts: Type.Integer(),
  error: Type.String(),
});

/** Messages that failed to process and were set aside, so an operator sees them (and the metric counts them). */
export default async function inboxAdminRoutes(app: FastifyInstance) {
  app.get(
    "/api/inbox/dead-letters",
    {
      schema: {
        tags: ["ops"],
        description:
          "Customer messages set aside after failing to process several times, newest first, with the last error. Their senders' later messages went on.",
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }),
        response: { 200: Type.Array(DeadLetterSchema) },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { limit } = request.query as { limit?: number };
      return app.processor.deadLetters(limit ?? 100);
    },
  );
}
