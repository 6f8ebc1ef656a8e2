import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { DeadLetter, DeadLettersQuery, errorResponses } from "../../schema/api/index.js";
import { requireRole } from "../plugins/auth.js";

/** Messages that failed to process and were set aside, so an operator sees them (and the metric counts them). */
const inboxAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/api/inbox/dead-letters",
    {
      schema: {
        tags: ["ops"],
        description:
          "Customer messages set aside after failing to process several times, newest first, with the last error. Their senders' later messages went on.",
        querystring: DeadLettersQuery,
        response: { 200: Type.Array(DeadLetter), ...errorResponses(400, 401, 403) },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => app.processor.deadLetters(request.query.limit ?? 100),
  );
};
export default inboxAdminRoutes;
