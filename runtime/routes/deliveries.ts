import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { MessageDeliveries, RefusalAnswer } from "../../schema/api/index.js";
import { messageDeliveries } from "../channels/message-deliveries.js";
import { requireRole } from "../plugins/auth.js";
import type { AgentDesk } from "../queue/agent-desk.js";

/** Delivery states for the agent console: sent, delivered, read or failed beside each message sent. */
export default async function deliveryRoutes(app: FastifyInstance, { desk }: { desk: AgentDesk }) {
  app.get(
    "/api/conversations/:id/deliveries",
    {
      schema: {
        tags: ["agent"],
        description: "How far each message the bot or an agent sent got, by transcript entry.",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        response: { 200: MessageDeliveries, 401: RefusalAnswer, 403: RefusalAnswer, 404: RefusalAnswer },
      },
      onRequest: requireRole("agent"),
    },
    async (request) => {
      const { id } = request.params as { id: string };
      await desk.mustSee(await desk.scope(request.user!), id);
      return messageDeliveries(app.store, id);
    },
  );
}
