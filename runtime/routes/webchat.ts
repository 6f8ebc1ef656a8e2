import { readFile } from "node:fs/promises";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  answeredAs,
  ChannelAnswer,
  errorResponses,
  WebchatEvent,
  WebchatHistory,
  WebchatParams,
  WebchatSessionQuery,
  webchatMessageBody,
} from "../../schema/api/index.js";
import { webchatHistory } from "../channels/webchat-history.js";
import { DomainError } from "../domain-error.js";
import { timeReplies } from "../plugins/metrics.js";
import { liveVersions } from "../store/flow-versions.js";
import { openEventStream } from "./sse.js";
import { refuseWhenFull } from "./when-full.js";

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
const webchatRoutes: FastifyPluginAsyncTypebox = async (app) => {
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

  app.get("/chat/:flowId", { schema: { hide: true, params: WebchatParams } }, async (request, reply) => {
    const { flowId } = request.params;
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
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Relais — ${id}</title></head><body style="font:16px system-ui,sans-serif;margin:2rem;color:#0f172a"><h1>Démo du parcours « ${id} »</h1><p>La discussion est ouverte en bas à droite&nbsp;; sur votre site, elle s'ouvre d'un clic sur sa bulle. Pour l'intégrer&nbsp;:</p><pre style="background:#f1f5f9;padding:1rem;border-radius:8px;white-space:pre-wrap;overflow-wrap:anywhere">&lt;script src="${escapeHtml(app.config.publicUrl)}/widget.js" data-flow="${id}"&gt;&lt;/script&gt;</pre><p><code>data-title="Votre marque"</code> change le titre de la discussion, <code>data-open="true"</code> l'ouvre dès l'arrivée sur la page.</p><script src="/widget.js" data-flow="${id}" data-open="true"></script></body></html>`,
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
        description: "A visitor's message to the flow's bot (or to the person who has the conversation).",
        params: WebchatParams,
        body: webchatMessageBody(app.config.messageMaxChars),
        response: { 200: ChannelAnswer, ...errorResponses(400, 404, 413, 415, 429) },
      },
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
      onRequest: refuseWhenFull(app, "webchat"),
      onResponse: timeReplies(() => app.metrics, "webchat"),
    },
    async (request) => {
      const { flowId } = request.params;
      const { body } = request;
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
        description: "What a returning visitor sees again: their latest conversation with this flow.",
        params: WebchatParams,
        querystring: WebchatSessionQuery,
        response: { 200: WebchatHistory, ...errorResponses(400, 429) },
      },
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (request) => {
      return webchatHistory(app.store, request.params.flowId, request.query.session);
    },
  );

  app.get(
    "/api/channels/webchat/:flowId/events",
    {
      schema: {
        tags: ["channels"],
        description:
          "Server-sent events for the widget: each message the bot or an agent writes to this session, event `message`, its id the SSE event id.",
        params: WebchatParams,
        querystring: WebchatSessionQuery,
        response: {
          200: answeredAs("text/event-stream", WebchatEvent),
          ...errorResponses(400, 429),
        },
      },
    },
    (request, reply) => {
      const { session } = request.query;
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
      const stream = openEventStream<WebchatEvent>(
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
          stream.send(event, event.id);
        },
        () => stream.end(),
      );
      void app.outbox.flush();
    },
  );
};

export default webchatRoutes;
