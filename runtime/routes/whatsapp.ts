import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ApiError } from "../plugins/errors.js";
import {
  answerHandshake,
  channelOff,
  HandshakeQuery,
  keepRawBodies,
  receiveEvents,
  WEBHOOK_BODY_LIMIT,
  WebhookAnswer,
} from "./provider-webhook.js";

/** WhatsApp Cloud API webhook: Meta's handshake, then signed deliveries of messages and statuses. */
export default async function whatsappRoutes(app: FastifyInstance) {
  keepRawBodies(app, ["application/json"]);

  app.get(
    "/webhooks/whatsapp",
    { schema: { tags: ["webhooks"], querystring: HandshakeQuery, response: { 200: Type.String() } } },
    (request, reply) => {
      const active = app.channels.get("whatsapp");
      if (!active) throw channelOff("whatsapp");
      return answerHandshake(request, reply, active.settings.verifyToken);
    },
  );

  app.post(
    "/webhooks/whatsapp",
    {
      schema: {
        tags: ["webhooks"],
        headers: Type.Object({ "x-hub-signature-256": Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: WebhookAnswer },
      },
      bodyLimit: WEBHOOK_BODY_LIMIT,
    },
    async (request) => {
      const active = app.channels.get("whatsapp");
      if (!active) throw channelOff("whatsapp");
      const rawBody = request.rawBody ?? Buffer.alloc(0);
      // Nothing is read, let alone stored, before the signature passes.
      if (!active.adapter.verify({ rawBody, headers: request.headers })) {
        request.log.warn({ channel: "whatsapp" }, "webhook with a missing or wrong signature refused");
        throw new ApiError(401, "BAD_SIGNATURE", "X-Hub-Signature-256 is missing or does not match the app secret.");
      }
      return receiveEvents(app, request, "whatsapp", active.settings.flowId, () =>
        active.adapter.parse(JSON.parse(rawBody.toString("utf8"))),
      );
    },
  );
}
