import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** The runtime's Prometheus metrics, one registry per app so tests can build several apps. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    messages: new Counter({
      name: "relais_messages_total",
      help: "Customer messages processed, by channel and who had the conversation (bot or person).",
      labelNames: ["channel", "handler"] as const,
      registers: [registry],
    }),
    duplicates: new Counter({
      name: "relais_duplicate_messages_total",
      help: "Deliveries of a message already received, answered from the inbox without processing.",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    messagesInHand: new Gauge({
      name: "relais_messages_in_hand",
      help: "Customer messages received and not yet answered by this process; RELAIS_MAX_IN_FLIGHT bounds it.",
      registers: [registry],
    }),
    messagesRefused: new Counter({
      name: "relais_messages_refused_total",
      help: "Customer messages answered 503 OVERLOADED because the process had RELAIS_MAX_IN_FLIGHT in hand, by channel; their senders send them again.",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: "relais_dead_letter_messages_total",
      help: "Customer messages set aside after failing to process repeatedly; listed at GET /api/inbox/dead-letters.",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    llmFallbacks: new Counter({
      name: "relais_llm_fallbacks_total",
      help: "Messages the configured language model did not classify (timeout, HTTP error, unreachable, malformed answer): the trained intent model answered instead.",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    handoffs: new Counter({
      name: "relais_handoffs_total",
      help: "Conversations handed to a person, by queue and rule kind.",
      labelNames: ["queue", "kind"] as const,
      registers: [registry],
    }),
    conversationsStarted: new Counter({
      name: "relais_conversations_started_total",
      help: "Conversations started with the bot, by flow and published version.",
      labelNames: ["flow", "version"] as const,
      registers: [registry],
    }),
    conversationsContained: new Counter({
      name: "relais_conversations_contained_total",
      help: "Conversations the bot ended without a person, by flow and version; divided by started, the containment.",
      labelNames: ["flow", "version"] as const,
      registers: [registry],
    }),
    conversationsHandedOver: new Counter({
      name: "relais_conversations_handed_over_total",
      help: "Conversations handed to a person, counted at their first handoff, by flow, version and the escalation rule (or handoff node) that fired.",
      labelNames: ["flow", "version", "rule"] as const,
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: "relais_queue_wait_seconds",
      help: "Time from handoff to an agent claiming the conversation.",
      labelNames: ["queue"] as const,
      buckets: [5, 30, 60, 300, 900, 1800, 3600, 14400, 86400],
      registers: [registry],
    }),
    stepLatency: new Histogram({
      name: "relais_step_duration_seconds",
      help: "Time for the engine to process one customer message, HTTP lookups included, once its turn has come: waiting is in relais_message_wait_seconds, the whole in relais_reply_duration_seconds.",
      labelNames: ["flow"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    messageWait: new Histogram({
      name: "relais_message_wait_seconds",
      help: "Time a customer message waited in the inbox, from receipt until its processing started.",
      labelNames: ["channel"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    replyDuration: new Histogram({
      name: "relais_reply_duration_seconds",
      help: "Time from receiving a customer message's request to answering it, on disk: queueing, processing and the flush included.",
      labelNames: ["channel", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    groupCommits: new Histogram({
      name: "relais_group_commit_transactions",
      help: "Transactions (conversation steps, inbox rows) written by each SQLite commit: many conversations share one.",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    }),
    prunedRows: new Counter({
      name: "relais_pruned_rows_total",
      help: "Rows deleted by the retention policy, by table (transcripts, inbox and outbox rows past their days).",
      labelNames: ["table"] as const,
      registers: [registry],
    }),
    runtimeErrors: new Counter({
      name: "relais_runtime_errors_total",
      help: "Runtime failures in flows (expressions, HTTP lookups, unknown flows), by code.",
      labelNames: ["code"] as const,
      registers: [registry],
    }),
    httpCalls: new Counter({
      name: "relais_http_calls_total",
      help: "HTTP lookups run for flows, by outcome.",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** A route's `onResponse` hook that times an inbound message's request, from its receipt to its answer. */
export const timeReplies =
  (metrics: () => Metrics, channel: string) =>
  async (_request: unknown, reply: { statusCode: number; elapsedTime: number }) => {
    metrics().replyDuration.observe({ channel, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  };
