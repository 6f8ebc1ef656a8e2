import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { and, desc, eq } from "drizzle-orm";
import { answeredAs, EmptyTwiml, ProviderUpdate, TwilioSignatureHeaders } from "../../schema/api/index.js";
import type { InboundEvent } from "../channels/adapter.js";
import { spelledNumber } from "../channels/sms/number-words.js";
import { readForm } from "../channels/sms/signature.js";
import { DomainError } from "../domain-error.js";
import { readJson } from "../store/json-column.js";
import { BotPayload } from "../store/json-columns.js";
import { channelOff, keepRawBodies, receiveEvents, WEBHOOK_BODY_LIMIT, WEBHOOK_ERRORS } from "./provider-webhook.js";

/** Replies go through Twilio's REST API once processed, so the webhook's TwiML answer says nothing. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** SMS through Twilio at `/webhooks/twilio`: incoming messages and status callbacks, signed. */
const twilioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  keepRawBodies(app, ["application/x-www-form-urlencoded"]);

  /** `deux` answers a question whose choices were numbered: it becomes `2`, which the bot reads as the second. */
  async function withSpelledChoice(event: InboundEvent, flowId: string): Promise<InboundEvent> {
    if (event.kind !== "message" || event.text === undefined) return event;
    const number = spelledNumber(event.text);
    if (number === undefined) return event;
    const { conversations, messages } = app.store.tables;
    const [last] = await app.store.read((db) =>
      db
        .select({ id: messages.id, payload: messages.payload, role: messages.role })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(
          and(
            eq(conversations.channel, "sms"),
            eq(conversations.flowId, flowId),
            eq(conversations.address, event.address),
            eq(conversations.status, "bot"),
          ),
        )
        .orderBy(desc(messages.id))
        .limit(1),
    );
    const offered =
      last?.role === "bot" && last.payload
        ? readJson(BotPayload, last.payload, { table: "messages", column: "payload", id: last.id }).choices
        : undefined;
    return offered && number <= offered.length ? { ...event, text: String(number) } : event;
  }

  app.post(
    "/webhooks/twilio",
    {
      schema: {
        tags: ["webhooks"],
        summary: "SMS and delivery statuses through Twilio, signed",
        headers: TwilioSignatureHeaders,
        consumes: ["application/x-www-form-urlencoded"],
        body: ProviderUpdate,
        response: { 200: answeredAs("text/xml", EmptyTwiml), ...WEBHOOK_ERRORS },
      },
      bodyLimit: WEBHOOK_BODY_LIMIT,
    },
    async (request, reply) => {
      const active = app.channels.get("sms");
      if (!active) throw channelOff("sms");
      const rawBody = request.rawBody ?? Buffer.alloc(0);
      if (!active.adapter.verify({ rawBody, headers: request.headers })) {
        request.log.warn({ channel: "sms" }, "webhook with a missing or wrong signature refused");
        throw new DomainError(
          "unauthenticated",
          "BAD_SIGNATURE",
          "X-Twilio-Signature is missing or does not match TWILIO_AUTH_TOKEN and TWILIO_PUBLIC_URL.",
        );
      }
      const events = active.adapter.parse(readForm(rawBody));
      const mapped: InboundEvent[] = [];
      for (const event of events) mapped.push(await withSpelledChoice(event, active.settings.flowId));
      await receiveEvents(app, request, "sms", active.settings.flowId, () => mapped);
      return reply.header("content-type", "text/xml; charset=utf-8").send(EMPTY_TWIML);
    },
  );
};
export default twilioRoutes;
