import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { ChannelAnswer, errorResponses, restMessageBody } from "../../schema/api/index.js";
import { DomainError } from "../domain-error.js";
import { timeReplies } from "../plugins/metrics.js";
import { liveVersions } from "../store/flow-versions.js";
import { refuseWhenFull } from "./when-full.js";

const isLoopback = (address: string) =>
  address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || address.startsWith("127.");

function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The REST channel: for a provider bridge, a test harness, or any backend that relays messages. */
const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const authorize = async (request: FastifyRequest) => {
    const token = app.config.restToken;
    const header = request.headers.authorization ?? "";
    if (token) {
      if (!header.startsWith("Bearer ") || !sameSecret(header.slice(7).trim(), token)) {
        throw new DomainError(
          "unauthenticated",
          "UNAUTHENTICATED",
          "Send `Authorization: Bearer <RELAIS_REST_TOKEN>`.",
        );
      }
    } else if (!isLoopback(request.ip)) {
      throw new DomainError(
        "forbidden",
        "FORBIDDEN",
        "RELAIS_REST_TOKEN is not set, so only callers on this machine may post messages; set it to open the channel.",
      );
    }
  };
  app.post(
    "/api/channels/rest/messages",
    {
      schema: {
        tags: ["channels"],
        body: restMessageBody(app.config.messageMaxChars),
        response: { 200: ChannelAnswer, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
      onRequest: [authorize, refuseWhenFull(app, "rest")],
      onResponse: timeReplies(() => app.metrics, "rest"),
      // A backend calls this, never a browser: the browser security headers would protect nothing
      // and cost every message their writing.
      helmet: false,
    },
    async (request) => {
      const body = request.body;
      if (body.text === undefined && body.choiceId === undefined) {
        throw new DomainError("invalid", "BAD_REQUEST", "Send `text` or `choiceId` with the message.", [
          {
            code: "request/required",
            severity: "error",
            file: "body",
            pointer: "/text",
            message: "The field `text` (or `choiceId`) is required.",
          },
        ]);
      }
      if (!(await liveVersions(app.store)).has(body.flowId)) {
        throw new DomainError("notFound", "UNKNOWN_FLOW", `No published flow \`${body.flowId}\`; publish it first.`);
      }
      return app.processor.deliver({
        channel: "rest",
        externalId: body.messageId,
        flowId: body.flowId,
        address: body.from,
        text: body.text,
        choiceId: body.choiceId,
        ...(body.language ? { language: body.language } : {}),
      });
    },
  );
};
export default channelRoutes;
