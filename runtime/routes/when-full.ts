import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Messages in hand are answered within a second or so at peak: by then there is room again. */
export const FULL_RETRY_AFTER_SECONDS = 1;

const overloaded = {
  error: {
    code: "OVERLOADED",
    message: `This Relais process has as many messages in hand as it takes at once (RELAIS_MAX_IN_FLIGHT); nothing of this one was kept: send it again in ${FULL_RETRY_AFTER_SECONDS} second, with the same message id.`,
  },
};

/**
 * An `onRequest` hook for the routes of senders that send a refused message again (the REST channel,
 * the web chat widget, Meta's webhooks): while the processor is full, 503 with `Retry-After` at once,
 * before the body is read. A message already in hand is answered sooner for it, and the memory held
 * stays bounded. Twilio does not retry a webhook that fails, so its messages are always taken.
 */
export function refuseWhenFull(app: FastifyInstance, channel: string) {
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!app.processor.full) return;
    app.metrics.messagesRefused.inc({ channel });
    return reply.status(503).header("retry-after", String(FULL_RETRY_AFTER_SECONDS)).send(overloaded);
  };
}
