import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A provider's API on 127.0.0.1 (Graph for WhatsApp and Messenger, Twilio's REST API): records
 * what Relais sends and answers as the provider does, or fails the first sends when told to.
 */
export class FakeProvider {
  readonly received: Received[] = [];
  /** Status codes for the next sends, in order; a send with none left succeeds. */
  failures: number[] = [];
  /** While true, each answer waits for `release()`: a provider slow to answer. */
  holding = false;
  private readonly held: (() => void)[] = [];
  private server: Server | undefined;
  private count = 0;

  constructor(private readonly answer: (request: Received, n: number) => { status?: number; body: unknown }) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      const respond = () => {
        const failure = this.failures.shift();
        if (failure) {
          response.writeHead(failure, { "content-type": "application/json" });
          response.end(JSON.stringify({ error: { message: "Service temporarily unavailable", code: 2 } }));
          return;
        }
        const received = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body };
        this.received.push(received);
        const answer = this.answer(received, ++this.count);
        response.writeHead(answer.status ?? 200, { "content-type": "application/json" });
        response.end(JSON.stringify(answer.body));
      };
      request.on("end", () => (this.holding ? this.held.push(respond) : respond()));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Sends waiting for their answer now (see `holding`). */
  get waiting(): number {
    return this.held.length;
  }

  /** Answers the send held longest; the next ones are still held. */
  answerOne(): void {
    this.held.shift()?.();
  }

  /** Answers every send held, and the next ones at once. */
  release(): void {
    this.holding = false;
    for (const respond of this.held.splice(0)) respond();
  }

  /** The JSON bodies received so far. */
  json(): Record<string, unknown>[] {
    return this.received.map((each) => JSON.parse(each.body) as Record<string, unknown>);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
