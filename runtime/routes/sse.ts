import type { FastifyReply, FastifyRequest } from "fastify";

/** Opens a server-sent events stream; returns a writer and calls `onClose` when the client leaves. */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, onClose: () => void) {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
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
    send: (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    end: () => {
      close();
      raw.end();
    },
  };
}
