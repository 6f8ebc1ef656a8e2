import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { metaWebhook } from "./provider-webhook.js";

/** Messenger Platform webhook at `/webhooks/messenger`: Meta's handshake, then signed messages and statuses. */
const messengerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  metaWebhook(app, "messenger");
};
export default messengerRoutes;
