import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { CannedResponse, errorResponses } from "../../schema/api/index.js";
import { requireRole } from "../plugins/auth.js";
import { loadCannedResponses } from "../queue/canned-responses.js";

/** Canned responses for the agent console's reply box; the console fills their `{{ }}` from the collected variables. */
const cannedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const responses = await loadCannedResponses(app.config.env.RELAIS_CANNED_RESPONSES_FILE);
  app.get(
    "/api/canned-responses",
    {
      schema: { tags: ["agent"], response: { 200: Type.Array(CannedResponse), ...errorResponses(401) } },
      onRequest: requireRole("agent"),
    },
    () => responses,
  );
};

export default cannedRoutes;
