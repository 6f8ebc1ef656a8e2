import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { requireRole } from "../plugins/auth.js";
import { CannedResponse, loadCannedResponses } from "../queue/canned-responses.js";

/** Canned responses for the agent console's reply box; the console fills their `{{ }}` from the collected variables. */
export default async function cannedRoutes(app: FastifyInstance) {
  const responses = await loadCannedResponses(app.config.env.RELAIS_CANNED_RESPONSES_FILE);
  app.get(
    "/api/canned-responses",
    { schema: { tags: ["agent"], response: { 200: Type.Array(CannedResponse) } }, onRequest: requireRole("agent") },
    () => responses,
  );
}
