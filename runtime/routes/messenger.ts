import type { FastifyInstance } from "fastify";
import { metaWebhook } from "./provider-webhook.js";

/** Messenger Platform webhook at `/webhooks/messenger`: Meta's handshake, then signed messages and statuses. */
export default async function messengerRoutes(app: FastifyInstance) {
  metaWebhook(app, "messenger");
}
