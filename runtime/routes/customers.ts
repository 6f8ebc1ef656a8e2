import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { CustomerParams, Erased, errorResponses } from "../../schema/api/index.js";
import { requireRole } from "../plugins/auth.js";
import { eraseCustomer } from "../store/erasure.js";

/** A customer's data on request: erasure, for the GDPR's right to be forgotten. */
const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.delete(
    "/api/customers/:channel/:address",
    {
      schema: {
        tags: ["ops"],
        description:
          "Erases everything stored about one customer of a channel (their conversations on every flow, transcripts, handoffs, inbox and outbox rows) and says how many rows of each went. Erasing again finds nothing and answers zeros.",
        params: CustomerParams,
        response: { 200: Erased, ...errorResponses(400, 401, 403) },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { channel, address } = request.params;
      const erased = await eraseCustomer(app.store, channel, address);
      request.log.info({ channel, erased }, "customer data erased on request");
      return { channel, address, ...erased };
    },
  );
};
export default customerRoutes;
