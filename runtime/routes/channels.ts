import { timingSafeEqual } from "node:crypto";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SLUG_PATTERN } from "../../schema/index.js";
import { DomainError } from "../domain-error.js";
import { timeReplies } from "../plugins/metrics.js";
import { liveVersions } from "../store/flow-versions.js";

const BotMessageSchema = Type.Object({
  nodeId: Type.String(),
  text: Type.String(),
  choices: Type.Optional(Type.Array(Type.Object({ id: Type.String(), label: Type.String() }))),
  media: Type.Optional(
    Type.Array(Type.Object({ kind: Type.String(), url: Type.String(), caption: Type.Optional(Type.String()) })),
  ),
});

export const ChannelAnswerSchema = Type.Object({
  conversationId: Type.Union([Type.String(), Type.Null()]),
  replies: Type.Array(BotMessageSchema),
  status: Type.Union(["bot", "queued", "agent", "closed"].map((s) => Type.Literal(s))),
});

const isLoopback = (address: string) =>
  address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || address.startsWith("127.");

function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The REST channel: for a provider bridge, a test harness, or any backend that relays messages. */
export default async function channelRoutes(app: FastifyInstance) {
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
        body: Type.Object(
          {
            flowId: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }),
            from: Type.String({ minLength: 1, maxLength: 200 }),
            messageId: Type.String({ minLength: 1, maxLength: 200 }),
            text: Type.Optional(Type.String({ maxLength: app.config.messageMaxChars })),
            choiceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ChannelAnswerSchema },
      },
      onRequest: authorize,
      onResponse: timeReplies(() => app.metrics, "rest"),
    },
    async (request) => {
      const body = request.body as {
        flowId: string;
        from: string;
        messageId: string;
        text?: string;
        choiceId?: string;
      };
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
      });
    },
  );
}
