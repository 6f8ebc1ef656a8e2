import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { answeredAs, errorResponses } from "../../schema/api/index.js";
import { fetchAttachment } from "../channels/attachment-fetch.js";
import { ProviderHttp } from "../channels/provider-http.js";
import { DomainError } from "../domain-error.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import { agentDeskOf } from "./agent-desk-of.js";

const AttachmentParams = Type.Object({
  id: Type.String({ format: "uuid" }),
  messageId: Type.String({ pattern: "^[1-9][0-9]{0,15}$", description: "The transcript line's id." }),
  index: Type.String({ pattern: "^[0-9]$", description: "Which of its files, from 0." }),
});

/**
 * A customer's file, fetched from their channel's provider with the channel's credentials and passed
 * on to agents who see the conversation: the console shows pictures from Relais itself (the CSP's
 * `img-src 'self'`), and no provider token or address reaches the browser.
 */
const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const desk = agentDeskOf(app);
  const http = new ProviderHttp({ timeoutMs: 15_000, maxResponseBytes: 64 * 1024 });
  app.addHook("onClose", () => http.close());

  app.get(
    "/api/conversations/:id/messages/:messageId/attachments/:index",
    {
      schema: {
        tags: ["agent"],
        description:
          "A file the customer sent (a picture, a document), fetched from the channel's provider: inline for pictures, sound and video the browser shows, as a download otherwise.",
        params: AttachmentParams,
        response: {
          200: answeredAs(
            "application/octet-stream",
            Type.Unsafe<Buffer>({ type: "string", format: "binary", description: "The file's bytes, typed as sent." }),
          ),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
      onRequest: requireRole("agent"),
    },
    async (request, reply) => {
      const { id } = request.params;
      const messageId = Number(request.params.messageId);
      const index = Number(request.params.index);
      const { channel, attachment } = await desk.attachment(await desk.scope(signedIn(request)), id, messageId, index);
      const fetched = await fetchAttachment(channel, attachment, app.channels, http);
      if (!fetched.ok) {
        request.log.warn({ channel, conversationId: id, messageId, why: fetched.error }, "attachment not fetched");
        throw new DomainError(
          "unprocessable",
          fetched.tooLarge ? "ATTACHMENT_TOO_LARGE" : "ATTACHMENT_UNAVAILABLE",
          `The ${channel} provider ${fetched.error}; the file cannot be shown.`,
        );
      }
      const name = (attachment.fileName ?? `${attachment.kind}-${messageId}-${index}`).replace(/[^\w.\- ]/g, "_");
      return reply
        .header("content-type", fetched.contentType)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=3600")
        .header("content-disposition", `${fetched.inline ? "inline" : "attachment"}; filename="${name}"`)
        .header("content-security-policy", "default-src 'none'; sandbox")
        .send(fetched.body);
    },
  );
};

export default attachmentRoutes;
