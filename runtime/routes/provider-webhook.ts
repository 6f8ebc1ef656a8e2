import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  answeredAs,
  errorResponses,
  HandshakeAnswer,
  HandshakeQuery,
  MetaSignatureHeaders,
  ProviderUpdate,
  WebhookAnswer,
} from "../../schema/api/index.js";
import { type InboundEvent, MalformedPayload, type ProviderChannel } from "../channels/adapter.js";
import { metaChallenge } from "../channels/meta-signature.js";
import { applyStatuses } from "../channels/provider-sender.js";
import { DomainError } from "../domain-error.js";
import { findUnstorable } from "../plugins/storable-text.js";
import { refuseWhenFull } from "./when-full.js";

declare module "fastify" {
  interface FastifyRequest {
    /** A provider webhook's body exactly as received: its signature is over these bytes. */
    rawBody?: Buffer;
  }
}

/** Meta's webhooks carry up to 1,000 updates each; 3 MB is their documented ceiling. */
export const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/** The error answers of a signed provider webhook: malformed, unsigned, off, too large. */
export const WEBHOOK_ERRORS = errorResponses(400, 401, 404, 413, 415);

/**
 * Keeps the raw bytes of this plugin's request bodies for the signature check, unparsed until it
 * passes; the parsed body is empty so the app-wide text check never walks the raw bytes.
 */
export function keepRawBodies(app: FastifyInstance, contentTypes: string[]): void {
  for (const type of contentTypes) {
    app.removeContentTypeParser(type);
    app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: WEBHOOK_BODY_LIMIT }, (request, body, done) => {
      request.rawBody = body as Buffer;
      done(null, {});
    });
  }
}

/** 404 for a channel whose credentials are unset: it is off, and says nothing more about itself. */
export function channelOff(channel: ProviderChannel): DomainError {
  return new DomainError("notFound", "CHANNEL_OFF", `The ${channel} channel is off: its credentials are not set.`);
}

/** Meta's GET handshake: echo `hub.challenge` when the verify token matches, 403 otherwise. */
export function answerHandshake(query: HandshakeQuery, reply: FastifyReply, verifyToken: string) {
  const challenge = metaChallenge(query, verifyToken);
  if (challenge === undefined) {
    throw new DomainError(
      "forbidden",
      "BAD_VERIFY_TOKEN",
      "hub.mode must be `subscribe` and hub.verify_token the configured one.",
    );
  }
  return reply.header("content-type", "text/plain; charset=utf-8").send(challenge);
}

/**
 * What every provider webhook does once its signature passed: read the events (400 for a body that
 * is not the provider's format, logged without its content), store and process each message (a
 * retried id is a no-op), and apply the delivery statuses.
 */
export async function receiveEvents(
  app: FastifyInstance,
  request: FastifyRequest,
  channel: ProviderChannel,
  flowId: string,
  parse: () => InboundEvent[],
): Promise<{ received: number }> {
  let events: InboundEvent[];
  try {
    events = parse();
  } catch (error) {
    if (!(error instanceof MalformedPayload) && !(error instanceof SyntaxError)) throw error;
    request.log.warn({ channel, why: error.message.slice(0, 200) }, "malformed webhook refused");
    throw new DomainError(
      "invalid",
      "MALFORMED_WEBHOOK",
      `This is not a ${channel} webhook Relais can read: ${error.message}.`,
    );
  }
  const unstorable = findUnstorable(events);
  if (unstorable) {
    throw new DomainError("invalid", "BAD_REQUEST", `A message ${unstorable.reason}, which cannot be stored.`);
  }
  for (const event of events) {
    if (event.kind !== "message") continue;
    try {
      await app.processor.deliver({
        channel,
        externalId: event.externalId,
        flowId,
        address: event.address,
        text: event.text,
        choiceId: event.choiceId,
        unsupported: event.unsupported,
        attachments: event.attachments,
      });
    } catch (error) {
      // Stored but set aside after failing: the provider retrying it would get the same answer.
      if (!(error instanceof DomainError && error.code === "NOT_PROCESSED")) throw error;
      request.log.error({ channel, externalId: event.externalId }, "webhook message set aside");
    }
  }
  await applyStatuses(app.store, app.live, request.log, channel, events);
  return { received: events.length };
}

/**
 * A Meta webhook (WhatsApp, Messenger): the GET handshake, then POSTs whose `X-Hub-Signature-256`
 * is checked over the raw body before anything is read or stored; 404 while the channel is off.
 */
export function metaWebhook(app: Parameters<FastifyPluginAsyncTypebox>[0], channel: "whatsapp" | "messenger"): void {
  keepRawBodies(app, ["application/json"]);
  const url = `/webhooks/${channel}`;
  app.get(
    url,
    {
      schema: {
        tags: ["webhooks"],
        summary: `Meta's subscription handshake for the ${channel} webhook`,
        querystring: HandshakeQuery,
        response: { 200: answeredAs("text/plain", HandshakeAnswer), ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const active = app.channels.get(channel);
      if (!active) throw channelOff(channel);
      return answerHandshake(request.query, reply, active.settings.verifyToken);
    },
  );
  app.post(
    url,
    {
      schema: {
        tags: ["webhooks"],
        summary: `${channel === "whatsapp" ? "WhatsApp" : "Messenger"} messages and delivery statuses, signed by Meta`,
        headers: MetaSignatureHeaders,
        body: ProviderUpdate,
        response: { 200: WebhookAnswer, ...WEBHOOK_ERRORS },
      },
      bodyLimit: WEBHOOK_BODY_LIMIT,
      onRequest: refuseWhenFull(app, channel),
    },
    async (request) => {
      const active = app.channels.get(channel);
      if (!active) throw channelOff(channel);
      const rawBody = request.rawBody ?? Buffer.alloc(0);
      if (!active.adapter.verify({ rawBody, headers: request.headers })) {
        request.log.warn({ channel }, "webhook with a missing or wrong signature refused");
        throw new DomainError(
          "unauthenticated",
          "BAD_SIGNATURE",
          "X-Hub-Signature-256 is missing or does not match the app secret.",
        );
      }
      return receiveEvents(app, request, channel, active.settings.flowId, () =>
        active.adapter.parse(JSON.parse(rawBody.toString("utf8"))),
      );
    },
  );
}
