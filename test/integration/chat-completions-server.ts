import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the server received: its path, headers and JSON body. */
export interface ChatRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    model: string;
    messages: { role: string; content: string }[];
  };
}

/** How the server answers the next requests: a model's message, an HTTP error, a raw body, or never in time. */
export type ChatBehaviour =
  | { content: string }
  | { status: number }
  | { raw: string }
  | { hangMs: number; content: string };

/**
 * A local OpenAI-compatible chat-completions server on 127.0.0.1, speaking the real wire format
 * (`POST /v1/chat/completions` → `{ choices: [{ message: { role, content } }] }`), recording every request.
 */
export async function chatCompletionsServer() {
  const requests: ChatRequest[] = [];
  let behaviour: ChatBehaviour = { content: '{"intent":"none","confidence":0.5}' };
  const hanging = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    req.on("end", () => {
      requests.push({ path: req.url ?? "", headers: req.headers, body: JSON.parse(text) });
      const answer = (content: string) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: "chat.completion",
            created: 1_764_500_000,
            model: "local-test",
            choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
            usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
          }),
        );
      };
      const now = behaviour;
      if ("status" in now) {
        res.writeHead(now.status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "model overloaded", type: "server_error" } }));
      } else if ("raw" in now) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(now.raw);
      } else if ("hangMs" in now) {
        const timer = setTimeout(() => {
          hanging.delete(timer);
          if (!res.destroyed) answer(now.content);
        }, now.hangMs);
        hanging.add(timer);
      } else answer(now.content);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    answer(next: ChatBehaviour) {
      behaviour = next;
    },
    async close() {
      for (const timer of hanging) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
