import type { FastifyInstance } from "fastify";
import { metaWebhook } from "./provider-webhook.js";

/** WhatsApp Cloud API webhook at `/webhooks/whatsapp`: Meta's handshake, then signed messages and statuses. */
export default async function whatsappRoutes(app: FastifyInstance) {
  metaWebhook(app, "whatsapp");
}
