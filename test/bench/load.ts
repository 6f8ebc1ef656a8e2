import { request } from "node:http";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { median } from "./measure.js";

/** One message of a customer, as the REST channel takes it. */
export type Message = { text: string } | { choiceId: string };

/**
 * Five messages that keep the bot of the shipped `triage` flow talking: greeting, intent, a choice, two
 * answers it asks again for. The sixth message of a conversation slot starts a new conversation.
 */
export const botOnly: readonly Message[] = [
  { text: "Bonjour" },
  { text: "où en est ma commande" },
  { choiceId: "email" },
  { text: "pas une adresse" },
  { text: "toujours pas" },
];

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Customers, `conversations` of them at once, each sending the `botOnly` script again and again, over
 * `connections` keep-alive connections. Each connection owns its conversations and sends their messages
 * in turn, so no customer has two messages in flight and every answer follows the script.
 */
export class Customers {
  private readonly sent = new Map<number, number>();

  constructor(
    readonly name: string,
    readonly conversations: number,
  ) {}

  /** The body of the next message of conversation slot `slot`. */
  next(slot: number): string {
    const count = this.sent.get(slot) ?? 0;
    this.sent.set(slot, count + 1);
    const generation = Math.floor(count / botOnly.length);
    const from = `${this.name}-${slot}-${generation}`;
    return JSON.stringify({
      flowId: "triage",
      from,
      messageId: `${from}-${count % botOnly.length}`,
      ...botOnly[count % botOnly.length],
    });
  }
}

/**
 * Drives `url` with autocannon for `seconds`; any error or non-2xx answer throws, because a bench that
 * counts refusals as throughput would look faster the more it fails.
 */
export async function drive(
  url: string,
  customers: Customers,
  options: { connections: number; seconds: number; warmUp?: boolean },
): Promise<LoadResult> {
  const { connections } = options;
  const perConnection = Math.max(1, Math.ceil(customers.conversations / connections));
  let nextConnection = 0;
  const result = await autocannon({
    url,
    connections,
    duration: options.seconds,
    method: "POST",
    headers: { "content-type": "application/json" },
    setupClient: (client) => {
      const first = (nextConnection++ % connections) * perConnection;
      let turn = 0;
      client.setRequests([
        {
          method: "POST",
          setupRequest: (req) => {
            const slot = first + (turn++ % perConnection);
            return { ...req, body: customers.next(slot) };
          },
        },
      ]);
    },
  });
  // A warm-up may see none on a cold runtime of a busy machine; a measured round may not.
  if (result.requests.total === 0 && !options.warmUp)
    throw new Error(`${url}: no answer at all in ${options.seconds} s`);
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} answers other than 2xx out of ${result.requests.total}`,
    );
  }
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / options.seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/** One request on a connection of its own; milliseconds from asking to the end of the answer. */
export function timeOneRequest(url: string, body?: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: body ? "POST" : "GET",
        agent: false,
        headers: body
          ? { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) }
          : headers,
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          if ((response.statusCode ?? 0) >= 300) reject(new Error(`${url} answered ${response.statusCode}`));
          else resolve(performance.now() - started);
        });
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export const spread = (values: readonly number[]): Spread => ({
  min: Math.min(...values),
  median: median(values),
  max: Math.max(...values),
});

/** The value under which `fraction` of the values fall. */
export function quantile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number;
}

/** The admin every bench's Relais is started with. */
export const BENCH_ADMIN = { email: "bench@example.fr", password: "bench-password-1" };

/** Logs in as {@link BENCH_ADMIN}: the session cookie for the requests that need one. */
export async function logIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(BENCH_ADMIN),
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("relais_session="));
  if (!response.ok || !cookie) throw new Error(`login: ${response.status} ${await response.text()}`);
  return cookie.split(";")[0] as string;
}
