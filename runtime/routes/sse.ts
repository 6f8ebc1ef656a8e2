import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Opens a server-sent events stream of the contract's events (`LiveEvent`, `WebchatEvent`); returns
 * a writer and calls `onClose` when the client leaves. Each event goes out named by its `type`, its
 * data the whole event as JSON. `headers` are added to the response's (the stream bypasses Fastify's
 * reply hooks).
 */
export function openEventStream<Event extends { type: string }>(
  request: FastifyRequest,
  reply: FastifyReply,
  onClose: () => void,
  headers: Record<string, string> = {},
) {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  raw.write(": connected\n\n");
  // Proxies drop quiet connections; a comment every 25 s keeps the stream open.
  const keepAlive = setInterval(() => raw.write(": ping\n\n"), 25_000);
  const close = () => {
    clearInterval(keepAlive);
    onClose();
  };
  request.raw.on("close", close);
  return {
    /** `id` becomes the browser's `lastEventId`, so a client can tell an event it already had. */
    send: (event: Event, id?: string | number) =>
      raw.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
    end: () => {
      close();
      raw.end();
    },
  };
}
