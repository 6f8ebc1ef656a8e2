import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { errorResponses, MessageDeliveries } from "../../schema/api/index.js";
import { messageDeliveries } from "../channels/message-deliveries.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import type { AgentDesk } from "../queue/agent-desk.js";

/** Delivery states for the agent console: sent, delivered, read or failed beside each message sent. */
const deliveryRoutes: FastifyPluginAsyncTypebox<{ desk: AgentDesk }> = async (app, { desk }) => {
  app.get(
    "/api/conversations/:id/deliveries",
    {
      schema: {
        tags: ["agent"],
        description: "How far each message the bot or an agent sent got, by transcript entry.",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        response: { 200: MessageDeliveries, ...errorResponses(400, 401, 404) },
      },
      onRequest: requireRole("agent"),
    },
    async (request) => {
      const { id } = request.params;
      await desk.mustSee(await desk.scope(signedIn(request)), id);
      return messageDeliveries(app.store, id);
    },
  );
};

export default deliveryRoutes;
