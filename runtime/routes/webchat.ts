import { readFile } from "node:fs/promises";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { SLUG_PATTERN } from "../../schema/index.js";
import { webchatHistory } from "../channels/webchat-history.js";
import { DomainError } from "../domain-error.js";
import { timeReplies } from "../plugins/metrics.js";
import { liveVersions } from "../store/flow-versions.js";
import { ChannelAnswerSchema } from "./channels.js";
import { openEventStream } from "./sse.js";

const FlowParams = Type.Object({ flowId: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) });
const Session = Type.String({ pattern: "^[A-Za-z0-9-]{16,64}$" });
/** The page's language (`<html lang>` or the browser's), so the bot answers in it: `fr`, `en-GB`. */
const Language = Type.String({ pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", maxLength: 35 });
const Choice = Type.Object({ id: Type.String(), label: Type.String() });
const Media = Type.Object({ kind: Type.String(), url: Type.String(), caption: Type.Optional(Type.String()) });
const HistorySchema = Type.Object({
  status: Type.Union(["none", "bot", "queued", "agent", "closed"].map((s) => Type.Literal(s))),
  messages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      role: Type.Union([Type.Literal("customer"), Type.Literal("bot"), Type.Literal("agent")]),
      text: Type.String(),
      choices: Type.Optional(Type.Array(Choice)),
      media: Type.Optional(Type.Array(Media)),
      author: Type.Optional(Type.String()),
      at: Type.String({ format: "date-time" }),
    }),
  ),
});

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/**
 * The widget runs on the customer's own site, another origin: it sends no cookie and its session
 * id is its only key, so any origin may call these routes.
 */
const CORS = { "access-control-allow-origin": "*" };

/** The web chat: the widget script, a demo page per flow, messages in and live messages out (SSE). */
export default async function webchatRoutes(app: FastifyInstance) {
  const widget = await readFile(new URL("../channels/widget.js", import.meta.url), "utf8");
  // Open event streams per client address: one address cannot hold the process's sockets.
  const streamsByAddress = new Map<string, number>();
  // Every answer of this plugin's routes, refusals included, so the widget can read why.
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(CORS);
  });

  app.get("/widget.js", { schema: { hide: true } }, (_request, reply) =>
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      // Customers' own sites load it: the app's same-origin resource policy does not apply to it.
      .header("cross-origin-resource-policy", "cross-origin")
      .send(widget),
  );

  app.get("/chat/:flowId", { schema: { hide: true, params: FlowParams } }, async (request, reply) => {
    const { flowId } = request.params as { flowId: string };
    const id = escapeHtml(flowId);
    reply
      .header("content-type", "text/html; charset=utf-8")
      .header(
        "content-security-policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:",
      );
    if (!(await liveVersions(app.store)).has(flowId)) {
      return reply
        .status(404)
        .send(
          `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Relais — ${id}</title></head><body style="font:16px system-ui,sans-serif;margin:2rem;color:#0f172a"><h1>Aucun parcours publié « ${id} »</h1><p>Publiez le parcours <code>${id}</code> dans l'éditeur, puis rechargez cette page.</p></body></html>`,
        );
    }
    return reply.send(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Relais — ${id}</title></head><body style="font:16px system-ui,sans-serif;margin:2rem;color:#0f172a"><h1>Démo du parcours « ${id} »</h1><p>Le widget de discussion est en bas à droite. Pour l'intégrer sur votre site&nbsp;:</p><pre style="background:#f1f5f9;padding:1rem;border-radius:8px">&lt;script src="${escapeHtml(app.config.publicUrl)}/widget.js" data-flow="${id}"&gt;&lt;/script&gt;</pre><script src="/widget.js" data-flow="${id}"></script></body></html>`,
    );
  });

  // The browser asks before a cross-origin JSON POST.
  app.options("/api/channels/webchat/:flowId/messages", { schema: { hide: true } }, (_request, reply) =>
    reply
      .status(204)
      .header("access-control-allow-methods", "POST")
      .header("access-control-allow-headers", "content-type")
      .header("access-control-max-age", "86400")
      .send(),
  );

  app.post(
    "/api/channels/webchat/:flowId/messages",
    {
      schema: {
        tags: ["channels"],
        params: FlowParams,
        body: Type.Object(
          {
            session: Session,
            messageId: Type.String({ minLength: 1, maxLength: 200 }),
            text: Type.Optional(Type.String({ minLength: 1, maxLength: app.config.messageMaxChars })),
            choiceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            language: Type.Optional(Language),
          },
          { additionalProperties: false },
        ),
        response: { 200: ChannelAnswerSchema },
      },
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      onResponse: timeReplies(() => app.metrics, "webchat"),
    },
    async (request) => {
      const { flowId } = request.params as { flowId: string };
      const body = request.body as {
        session: string;
        messageId: string;
        text?: string;
        choiceId?: string;
        language?: string;
      };
      if (body.text === undefined && body.choiceId === undefined) {
        throw new DomainError("invalid", "BAD_REQUEST", "Send `text` or `choiceId` with the message.");
      }
      if (!(await liveVersions(app.store)).has(flowId)) {
        throw new DomainError("notFound", "UNKNOWN_FLOW", `No published flow \`${flowId}\`.`);
      }
      return app.processor.deliver({
        channel: "webchat",
        externalId: `${body.session}:${body.messageId}`,
        flowId,
        address: body.session,
        text: body.text,
        choiceId: body.choiceId,
        language: body.language,
      });
    },
  );

  app.get(
    "/api/channels/webchat/:flowId/history",
    {
      schema: {
        tags: ["channels"],
        params: FlowParams,
        querystring: Type.Object({ session: Session }),
        response: { 200: HistorySchema },
      },
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (request) => {
      const { flowId } = request.params as { flowId: string };
      const { session } = request.query as { session: string };
      return webchatHistory(app.store, flowId, session);
    },
  );

  app.get(
    "/api/channels/webchat/:flowId/events",
    { schema: { tags: ["channels"], params: FlowParams, querystring: Type.Object({ session: Session }) } },
    (request, reply) => {
      const { session } = request.query as { session: string };
      const open = streamsByAddress.get(request.ip) ?? 0;
      if (open >= app.config.webchatStreamsPerAddress) {
        throw new DomainError(
          "tooMany",
          "TOO_MANY_STREAMS",
          `Your address already has ${open} chat streams open; close one (another tab) and try again.`,
        );
      }
      streamsByAddress.set(request.ip, open + 1);
      const release = () => {
        const left = (streamsByAddress.get(request.ip) ?? 1) - 1;
        if (left > 0) streamsByAddress.set(request.ip, left);
        else streamsByAddress.delete(request.ip);
      };
      let stop = () => {};
      const stream = openEventStream(
        request,
        reply,
        () => {
          release();
          stop();
        },
        CORS,
      );
      stop = app.webchat.listen(
        session,
        (event) => {
          stream.send(event.type, event, event.id);
        },
        () => stream.end(),
      );
      void app.outbox.flush();
    },
  );
}
