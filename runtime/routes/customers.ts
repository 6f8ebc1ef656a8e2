import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { requireRole } from "../plugins/auth.js";
import { eraseCustomer } from "../store/erasure.js";

const ErasedSchema = Type.Object({
  channel: Type.String(),
  address: Type.String(),
  conversations: Type.Integer(),
  messages: Type.Integer(),
  events: Type.Integer(),
  handoffs: Type.Integer(),
  inbox: Type.Integer(),
  outbox: Type.Integer(),
});

/** A customer's data on request: erasure, for the GDPR's right to be forgotten. */
export default async function customerRoutes(app: FastifyInstance) {
  app.delete(
    "/api/customers/:channel/:address",
    {
      schema: {
        tags: ["ops"],
        description:
          "Erases everything stored about one customer of a channel (their conversations on every flow, transcripts, events, handoffs, inbox and outbox rows) and says how many rows of each went. Erasing again finds nothing and answers zeros.",
        params: Type.Object({
          channel: Type.String({ pattern: "^[a-z][a-z0-9-]*$", maxLength: 32 }),
          address: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: ErasedSchema },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { channel, address } = request.params as { channel: string; address: string };
      const erased = await eraseCustomer(app.store, channel, address);
      request.log.info({ channel, erased }, "customer data erased on request");
      return { channel, address, ...erased };
    },
  );
}
