/**
 * How the runtime overlaps conversations, on a real SQLite file through `app.inject` (speed over real
 * HTTP is runtime-http.ts), each against a baseline of the same run:
 * - 50 conversations × 5 messages at once against the same one after the other, first with bot
 *   replies only (CPU-bound), then with two CRM lookups per conversation answered by a local CRM
 *   that takes 25 ms, where the per-conversation workers must overlap the waits.
 * Run alone: `npx tsx test/bench/runtime-rest.ts`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { findFixture, fixtureResult } from "../../runtime/testing/fixtures.js";
import { readDocument } from "../../schema/index.js";
import { build, send } from "../integration/helpers.js";
import { compare } from "./measure.js";
import { type BenchReport, runWhenMain } from "./report.js";

const flowsDir = new URL("../../flows/", import.meta.url).pathname;
const CRM_LATENCY_MS = 25;

type Message = { text: string } | { choiceId: string };

/** Five messages that keep the bot talking: greeting, intent, a choice, two answers it asks again for. */
const botOnly: Message[] = [
  { text: "Bonjour" },
  { text: "où en est ma commande" },
  { choiceId: "email" },
  { text: "pas une adresse" },
  { text: "toujours pas" },
];

/** Five messages, two of which make the bot call the CRM: the customer by e-mail, then the order. */
const withLookups: Message[] = [
  { text: "Bonjour" },
  { text: "où en est ma commande" },
  { choiceId: "email" },
  { text: "camille.martin@example.fr" },
  { text: "CMD-100001" },
];

interface SlowCrm {
  url: string;
  /** The most requests it held at the same time since the last call, then starts counting afresh. */
  takePeak: () => number;
  close: () => Promise<void>;
}

/** A CRM answering like the order-status fixtures, after a delay like a real one's. */
async function slowCrm(): Promise<SlowCrm> {
  const path = join(flowsDir, "order-status.test.json");
  const fixtures = readDocument("test", readFileSync(path, "utf8"), path).value?.http;
  if (!fixtures) throw new Error(`${path} has no HTTP fixtures to answer with`);
  let inFlight = 0;
  let peak = 0;
  const server = createServer((request, response) => {
    peak = Math.max(peak, ++inFlight);
    const asked = { method: "GET" as const, url: `https://crm.test${request.url}`, headers: {}, timeoutMs: 0 };
    const fixture = findFixture(fixtures, asked);
    const result = fixture ? fixtureResult(fixture) : undefined;
    setTimeout(() => {
      inFlight--;
      if (!result?.ok) {
        response.writeHead(500).end();
        return;
      }
      response.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
    }, CRM_LATENCY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    takePeak: () => {
      const taken = peak;
      peak = inFlight;
      return taken;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let conversations = 0;

/** One customer's conversation, message after message; anything but a bot answer breaks the bench. */
async function converse(app: FastifyInstance, script: readonly Message[], check?: (replies: string[]) => void) {
  const from = `bench-${++conversations}`;
  let replies: string[] = [];
  for (const [index, message] of script.entries()) {
    const response = await send(app, { flowId: "triage", from, messageId: `${from}-${index}`, ...message });
    const answer = response.json() as { status?: string; replies?: { text: string }[] };
    if (response.statusCode !== 200 || answer.status !== "bot") {
      throw new Error(
        `${from}, message ${index + 1}: expected the bot to answer, got ${response.statusCode} ${response.body}`,
      );
    }
    replies = answer.replies?.map((reply) => reply.text) ?? [];
  }
  check?.(replies);
}

const sequentially = async (count: number, one: () => Promise<void>) => {
  for (let i = 0; i < count; i++) await one();
};
const atOnce = async (count: number, one: () => Promise<void>) => {
  await Promise.all(Array.from({ length: count }, one));
};

export async function runtimeRestBench(): Promise<BenchReport> {
  const crm = await slowCrm();
  const dir = mkdtempSync(join(tmpdir(), "relais-bench-"));
  cpSync(flowsDir, join(dir, "flows"), { recursive: true });
  const built = await build(
    { RELAIS_SECRET_CRM_BASE_URL: crm.url, RELAIS_SECRET_CRM_TOKEN: "bench-token", RELAIS_HTTP_ALLOW: "127.0.0.1" },
    { keepDir: dir },
  );
  try {
    const { app } = built;
    const chat = () => converse(app, botOnly);
    const lookup = () =>
      converse(app, withLookups, (replies) => {
        if (!replies.some((text) => text.includes("CMD-100001"))) {
          throw new Error(`the CRM lookups did not give the order status; last replies: ${JSON.stringify(replies)}`);
        }
      });
    await sequentially(20, chat); // warm-up: JIT, prepared statements, compiled flows

    const many = 50;
    const messages = many * botOnly.length;
    // Baseline: all at once; subject: one after the other. The ratio is the speed-up of running at once.
    const cpuBound = await compare(
      { ops: messages, run: () => atOnce(many, chat) },
      { ops: messages, run: () => sequentially(many, chat) },
      { rounds: 5, roundMs: 0 },
    );
    const peaks = { atOnce: 0, oneByOne: 0 };
    const keepingPeak = (key: keyof typeof peaks, run: () => Promise<void>) => async () => {
      crm.takePeak();
      await run();
      peaks[key] = Math.max(peaks[key], crm.takePeak());
    };
    const waiting = await compare(
      { ops: messages, run: keepingPeak("atOnce", () => atOnce(many, lookup)) },
      { ops: messages, run: keepingPeak("oneByOne", () => sequentially(many, lookup)) },
      { rounds: 2, roundMs: 0 },
    );

    const perSecond = (ms: number) => `${(1000 / ms).toFixed(0)}/s (${ms.toFixed(2)} ms each)`;
    return {
      bench: "runtime-rest",
      figures: [
        [`${many}×${botOnly.length} bot-only messages, conversations one after another`, perSecond(cpuBound.subjectMs)],
        [`${many}×${botOnly.length} bot-only messages, conversations at once`, perSecond(cpuBound.baselineMs)],
        [
          `${many}×${withLookups.length} messages with 2 CRM lookups of ${CRM_LATENCY_MS} ms, one after another`,
          perSecond(waiting.subjectMs),
        ],
        [
          `${many}×${withLookups.length} messages with 2 CRM lookups, conversations at once`,
          perSecond(waiting.baselineMs),
        ],
        ["most CRM calls in flight, conversations one after another / at once", `${peaks.oneByOne} / ${peaks.atOnce}`],
      ],
      checks: [
        // SQLite calls are synchronous on one thread, so bot-only work cannot overlap; at once must cost no more.
        {
          label: "speed-up of conversations at once, bot only",
          ratio: cpuBound.ratio,
          target: 0.8,
          direction: "atLeast",
        },
        // Each conversation waits 50 ms on the CRM for ~15 ms of CPU: overlapping the waits gives 4–5× on idle
        // cores, less when neighbours take the CPU; one lock for all conversations would hold it at 1×.
        {
          label: "speed-up of conversations at once, with CRM lookups",
          ratio: waiting.ratio,
          target: 2,
          direction: "atLeast",
        },
        // The direct view of parallel workers, and one that load barely moves: how many conversations wait on
        // the CRM together. One after another it is 1; at once, up to the 50 conversations.
        {
          label: "CRM calls in flight, at once / one after another",
          ratio: peaks.atOnce / Math.max(1, peaks.oneByOne),
          target: 10,
          direction: "atLeast",
        },
      ],
    };
  } finally {
    await built.close();
    rmSync(dir, { recursive: true, force: true });
    await crm.close();
  }
}

await runWhenMain(import.meta.url, runtimeRestBench);
