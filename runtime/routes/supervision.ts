import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { AssignBody, ConversationParams, Done, errorResponses, Floor } from "../../schema/api/index.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import { moveConversation } from "../queue/reassign.js";
import { floorView } from "../queue/supervision.js";

/** Supervisors (and admins) watch the floor and move conversations between people and queues. */
const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const supervisor = requireRole("supervisor");
  const tags = ["supervision"];

  app.get(
    "/api/supervision/floor",
    { schema: { tags, response: { 200: Floor, ...errorResponses(401, 403) } }, onRequest: supervisor },
    () => floorView(app.store),
  );

  app.post(
    "/api/conversations/:id/assign",
    {
      schema: {
        tags,
        description:
          "Gives the conversation to a person (yourself: a takeover) or, with `to` null, back to its queue. `expected` is who you saw holding it (null: nobody); if someone moved it meanwhile, 409 MOVED_MEANWHILE says who has it now. Given to someone else who already holds the queue's capacity, 409 AGENT_FULL, unless `force` is true.",
        params: ConversationParams,
        body: AssignBody,
        response: { 200: Done, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
      onRequest: supervisor,
    },
    async (request) => {
      await moveConversation({ store: app.store, live: app.live, outbox: app.outbox }, signedIn(request), {
        conversationId: request.params.id,
        ...request.body,
      });
      return {};
    },
  );
};

export default supervisionRoutes;
