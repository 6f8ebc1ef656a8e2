import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { metaWebhook } from "./provider-webhook.js";

/** WhatsApp Cloud API webhook at `/webhooks/whatsapp`: Meta's handshake, then signed messages and statuses. */
const whatsappRoutes: FastifyPluginAsyncTypebox = async (app) => {
  metaWebhook(app, "whatsapp");
};
export default whatsappRoutes;
