import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Opens a server-sent events stream of the contract's events (`LiveEvent`, `WebchatEvent`); returns
 * a writer and calls `onClose` when the client leaves. Each event goes out named by its `type`, its
 * data the whole event as JSON. `headers` are added to the response's (the stream bypasses Fastify's
 * reply hooks). `onClose` is called once, whether the client leaves or `end` is called.
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
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    onClose();
  };
  request.raw.on("close", close);
  // A client that left while the caller got ready may have had its `close` event already; closed once
  // the caller, which wires the stream up as it gets it, is done.
  if (request.raw.destroyed) process.nextTick(close);
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
