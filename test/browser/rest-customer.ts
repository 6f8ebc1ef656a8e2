import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the runtime POSTs to RELAIS_REST_CALLBACK_URL: messages written outside a request's answer. */
export interface Pushed {
  conversationId: string;
  to: string;
  message: { nodeId: string; text: string };
}

/** A stand-in for the provider bridge behind the REST channel: it records what customers receive. */
export async function startCallbackServer() {
  const received: Pushed[] = [];
  const waiters: { match: (p: Pushed) => boolean; done: (p: Pushed) => void }[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const pushed = JSON.parse(body) as Pushed;
      received.push(pushed);
      for (const waiter of waiters.filter((w) => w.match(pushed))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.done(pushed);
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    /** Resolves once a customer has received a message matching `match` (already or later). */
    waitFor(match: (p: Pushed) => boolean): Promise<Pushed> {
      const already = received.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((done) => waiters.push({ match, done }));
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A customer writing on the REST channel to the shipped order-status flow. */
export async function customerSays(
  baseUrl: string,
  from: string,
  messageId: string,
  body: { text?: string; choiceId?: string },
) {
  const response = await fetch(`${baseUrl}/api/channels/rest/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ flowId: "order-status", from, messageId, ...body }),
  });
  if (response.status !== 200) throw new Error(`customer message: ${response.status} ${await response.text()}`);
  return (await response.json()) as { conversationId: string; status: string; replies: { text: string }[] };
}

/** Camille asks about order CMD-100002 (740 EUR): the high-value rule hands her to the priority queue. */
export async function escalateOrder(baseUrl: string, from: string) {
  await customerSays(baseUrl, from, `${from}-1`, { text: "Bonjour" });
  await customerSays(baseUrl, from, `${from}-2`, { choiceId: "email" });
  await customerSays(baseUrl, from, `${from}-3`, { text: "camille.martin@example.fr" });
  const answer = await customerSays(baseUrl, from, `${from}-4`, { text: "CMD-100002" });
  if (answer.status !== "queued") throw new Error(`expected a handoff, got ${answer.status}`);
  return answer.conversationId;
}
