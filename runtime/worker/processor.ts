import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNotNull, isNull, ne, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { TranscriptEvent } from "../../schema/transcript-event.js";
import { type Config, secretsFor } from "../config.js";
import { lexiconSentiment, overlapClassifier } from "../engine/index.js";
import type { BotMessage, ConversationState, EngineDeps, EngineInput } from "../engine/types.js";
import type { PublishedFlows } from "../flows/published.js";
import type { HttpClient } from "../http-client/http-client.js";
import { ApiError } from "../plugins/errors.js";
import type { Metrics } from "../plugins/metrics.js";
import { recordHandoff } from "../queue/handoff-record.js";
import type { LiveEvents } from "../queue/live-events.js";
import { loadQueues } from "../queue/queues.js";
import { eventLine } from "../queue/transcript-events.js";
import type { Db, Store } from "../store/db.js";
import { describeFailure, isTransient } from "../store/failure.js";
import { type LoopOutcome, runEngine } from "./engine-loop.js";
import { KeyedSerial } from "./keyed-serial.js";
import type { ChannelAnswer, ConversationStatus, InboundMessage } from "./types.js";

export interface ProcessorContext {
  store: Store;
  flows: PublishedFlows;
  http: HttpClient;
  config: Config;
  metrics: Metrics;
  live: LiveEvents;
  log: FastifyBaseLogger;
  /** Asked to deliver unsent outbox rows after a commit that wrote some. */
  flushOutbox: () => void;
}

type InboxRow = {
  id: number;
  channel: string;
  flowId: string;
  address: string;
  payload: string;
  result: string | null;
  attempts: number;
  deadAt: number | null;
};

/** A message set aside after failing: what operators see to decide what to do with it. */
export interface DeadLetter {
  id: number;
  channel: string;
  flowId: string;
  address: string;
  externalId: string;
  receivedAt: number;
  deadAt: number;
  attempts: number;
  error: string;
}

/** Processing attempts of one inbox row before it is set aside; retries go at once, within the same drain. */
export const MAX_ATTEMPTS = 3;
type ConversationRow = {
  id: string;
  flowId: string;
  channel: string;
  address: string;
  flowVersion: number;
  pinned: string;
  state: string;
  status: string;
};

const unavailable: Record<string, string> = {
  fr: "Ce service n'est pas disponible pour le moment. Merci de réessayer plus tard.",
};

/**
 * Turns inbox rows into conversation steps. One message at a time per customer address, in
 * inbox order, many addresses in parallel; each step's state, transcript, outbox, handoff and
 * the inbox row's answer are written in one transaction, so a crash replays it whole or not at all.
 *
 * "One at a time" holds across processes too: within a process, turns per address queue up here;
 * across processes sharing PostgreSQL, each step runs under the store's exclusive lock on the
 * address, and inbox rows are written under the same lock shared, so a step never starts while
 * an earlier message of that address is still being written.
 */
export class Processor {
  private readonly serial = new KeyedSerial();

  constructor(private readonly ctx: ProcessorContext) {}

  /** Records a message in the inbox (once per channel and external id), processes it, and answers. */
  async deliver(message: InboundMessage): Promise<ChannelAnswer> {
    const { store } = this.ctx;
    const { inbox } = store.tables;
    const key = turnKey(message.channel, message.flowId, message.address);
    const row = await store.sharedTx(key, async (db) => {
      const [inserted] = await db
        .insert(inbox)
        .values({
          channel: message.channel,
          externalId: message.externalId,
          flowId: message.flowId,
          address: message.address,
          payload: JSON.stringify({ text: message.text, choiceId: message.choiceId }),
          receivedAt: Date.now(),
        })
        .onConflictDoNothing({ target: [inbox.channel, inbox.address, inbox.externalId] })
        .returning({ id: inbox.id });
      if (inserted) return { id: inserted.id, duplicate: false };
      const [existing] = await db
        .select({ id: inbox.id })
        .from(inbox)
        .where(
          and(
            eq(inbox.channel, message.channel),
            eq(inbox.address, message.address),
            eq(inbox.externalId, message.externalId),
          ),
        );
      return { id: (existing as { id: number }).id, duplicate: true };
    });
    if (row.duplicate) this.ctx.metrics.duplicates.inc({ channel: message.channel });
    const [stored] = await store.read((db) => db.select().from(inbox).where(eq(inbox.id, row.id)));
    const target = stored as InboxRow;
    if (!target.result && target.deadAt === null) await this.drain(target.channel, target.flowId, target.address);
    const [done] = await store.read((db) =>
      db.select({ result: inbox.result, deadAt: inbox.deadAt }).from(inbox).where(eq(inbox.id, row.id)),
    );
    // Acknowledged means on disk: the message and its answer are flushed before the answer goes out.
    await store.durable();
    if (!done?.result) {
      throw new ApiError(
        500,
        "NOT_PROCESSED",
        `This message could not be processed and was set aside for an operator (inbox row ${row.id}); sending it again gives this same answer.`,
      );
    }
    return JSON.parse(done.result) as ChannelAnswer;
  }

  /**
   * Processes every unprocessed inbox row: the ones a crash left behind. One address failing never
   * stops the others (its failing row is set aside as it would be for a live message).
   */
  async resumePending(): Promise<number> {
    const { inbox } = this.ctx.store.tables;
    const rows = await this.ctx.store.read((db) =>
      db
        .selectDistinct({ channel: inbox.channel, flowId: inbox.flowId, address: inbox.address })
        .from(inbox)
        .where(and(isNull(inbox.processedAt), isNull(inbox.deadAt))),
    );
    const outcomes = await Promise.allSettled(rows.map((row) => this.drain(row.channel, row.flowId, row.address)));
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") {
        this.ctx.log.error({ failure: describeFailure(outcome.reason) }, "could not resume a conversation's messages");
      }
    }
    return rows.length;
  }

  /** The rows set aside after failing {@link MAX_ATTEMPTS} times, newest first, for operators. */
  async deadLetters(limit: number): Promise<DeadLetter[]> {
    const { inbox } = this.ctx.store.tables;
    const rows = await this.ctx.store.read((db) =>
      db
        .select({
          id: inbox.id,
          channel: inbox.channel,
          flowId: inbox.flowId,
          address: inbox.address,
          externalId: inbox.externalId,
          receivedAt: inbox.receivedAt,
          deadAt: inbox.deadAt,
          attempts: inbox.attempts,
          error: inbox.error,
        })
        .from(inbox)
        .where(isNotNull(inbox.deadAt))
        .orderBy(desc(inbox.id))
        .limit(limit),
    );
    return rows.map((row) => ({ ...row, deadAt: row.deadAt as number, error: row.error ?? "" }));
  }

  /** Waits for all processing under way, for a graceful close. */
  idle(): Promise<void> {
    return this.serial.idle();
  }

  /**
   * Runs work for a conversation's address in turn with its messages (agents giving it back to
   * the bot), in one exclusive turn: what `commit` writes inside is written with it.
   */
  inTurn<T>(conversation: { channel: string; flowId: string; address: string }, work: () => Promise<T>): Promise<T> {
    const key = turnKey(conversation.channel, conversation.flowId, conversation.address);
    return this.serial.run(key, () => this.ctx.store.exclusive(key, work));
  }

  /** Processes the address's unprocessed rows oldest first, each in its own turn, until none is left. */
  private drain(channel: string, flowId: string, address: string): Promise<void> {
    const { store } = this.ctx;
    const { inbox } = store.tables;
    const key = turnKey(channel, flowId, address);
    let current: InboxRow | undefined;
    const step = () =>
      store.exclusive(key, async () => {
        // Read under the lock: another process may have just processed what this one was told about.
        const [next] = await store.read((db) =>
          db
            .select()
            .from(inbox)
            .where(
              and(
                eq(inbox.channel, channel),
                eq(inbox.flowId, flowId),
                eq(inbox.address, address),
                isNull(inbox.processedAt),
                isNull(inbox.deadAt),
              ),
            )
            .orderBy(asc(inbox.id))
            .limit(1),
        );
        if (!next) return false;
        current = next;
        await this.process(next);
        return true;
      });
    return this.serial.run(key, async () => {
      for (;;) {
        current = undefined;
        try {
          if (!(await step())) return;
        } catch (error) {
          // The turn's transaction is rolled back; the failure is counted in a transaction of its own,
          // unless the store itself is failing: then the row stays as it is, for a later delivery or start.
          if (!current || isTransient(error)) throw error;
          await this.recordFailure(current, error);
        }
      }
    });
  }

  /** Counts a failed attempt; at {@link MAX_ATTEMPTS} the row is set aside so the address's next messages go on. */
  private async recordFailure(row: InboxRow, error: unknown): Promise<void> {
    const { store, metrics, log } = this.ctx;
    const { inbox } = store.tables;
    const failure = describeFailure(error);
    // Counted in the database, so that processes failing on the same row at once add up; a row
    // another process has processed meanwhile is left alone.
    const [counted] = await store.tx((db) =>
      db
        .update(inbox)
        .set({
          attempts: sql`${inbox.attempts} + 1`,
          error: failure.message,
          deadAt: sql`CASE WHEN ${inbox.attempts} + 1 >= ${MAX_ATTEMPTS} THEN CAST(${Date.now()} AS BIGINT) ELSE NULL END`,
        })
        .where(and(eq(inbox.id, row.id), isNull(inbox.processedAt)))
        .returning({ attempts: inbox.attempts, deadAt: inbox.deadAt }),
    );
    if (!counted) return;
    const dead = counted.deadAt !== null;
    log.error(
      { inboxId: row.id, channel: row.channel, flowId: row.flowId, attempts: counted.attempts, failure },
      dead ? "message set aside after repeated failures" : "message processing failed, retrying",
    );
    if (dead) metrics.deadLetters.inc({ channel: row.channel });
  }

  private async process(row: InboxRow): Promise<void> {
    const { store, metrics, log } = this.ctx;
    const { conversations } = store.tables;
    const started = performance.now();
    const now = Date.now();
    const payload = JSON.parse(row.payload) as { text?: string; choiceId?: string };
    const [active] = await store.read((db) =>
      db
        .select()
        .from(conversations)
        .where(
          and(
            eq(conversations.channel, row.channel),
            eq(conversations.flowId, row.flowId),
            eq(conversations.address, row.address),
            ne(conversations.status, "closed"),
          ),
        )
        .limit(1),
    );
    if (active && (active.status === "queued" || active.status === "agent")) {
      await this.toPerson(row, active, payload, now);
      metrics.messages.inc({ channel: row.channel, handler: "person" });
      return;
    }
    const pinned = active
      ? (JSON.parse(active.pinned) as Record<string, number>)
      : await this.ctx.flows.pin(row.flowId);
    const compiledFlows = pinned ? await this.ctx.flows.load(pinned) : undefined;
    const compiled = compiledFlows?.get(row.flowId);
    if (!pinned || !compiledFlows || !compiled) {
      log.warn(
        { flowId: row.flowId, channel: row.channel, inboxId: row.id },
        "message for a flow with no live version",
      );
      metrics.runtimeErrors.inc({ code: "UNKNOWN_FLOW" });
      const answer: ChannelAnswer = {
        conversationId: null,
        replies: [{ nodeId: "unavailable", text: unavailable.fr as string }],
        status: "closed",
      };
      await store.tx((db) => this.markDone(db, row.id, answer, null, now));
      return;
    }
    const secretNames = [...compiledFlows.values()].flatMap((c) => c.flow.secrets ?? []);
    const deps: EngineDeps = {
      now: () => new Date(),
      newId: randomUUID,
      classify: overlapClassifier,
      sentiment: lexiconSentiment,
      flow: (id) => compiledFlows.get(id),
      secrets: secretsFor(this.ctx.config, secretNames),
      limits: { valueChars: this.ctx.config.maxValueChars, stateChars: this.ctx.config.maxStateChars },
    };
    const state = active ? (JSON.parse(active.state) as ConversationState) : undefined;
    // A new conversation starts with the customer's message (its first intent node reads it) and
    // with who wrote it, as the flow's built-in `contact` variable.
    const input: EngineInput = !active
      ? {
          type: "start",
          text: payload.text,
          variables: { contact: { channel: row.channel, address: row.address } },
        }
      : payload.choiceId !== undefined
        ? { type: "choice", choiceId: payload.choiceId }
        : { type: "text", text: payload.text ?? "" };
    const outcome = await runEngine(compiled, state, input, deps, (request) => this.runHttp(request));
    const conversationId = active?.id ?? randomUUID();
    const answer = await this.commit(row, outcome, {
      conversationId,
      isNew: !active,
      pinned,
      flowVersion: active?.flowVersion ?? (pinned[row.flowId] as number),
      customerText: payload.text ?? payload.choiceId,
      customerChoice: payload.choiceId,
      now,
    });
    metrics.messages.inc({ channel: row.channel, handler: "bot" });
    metrics.stepLatency.observe({ flow: row.flowId }, (performance.now() - started) / 1000);
    log.info(
      {
        conversationId,
        channel: row.channel,
        flowId: row.flowId,
        status: answer.status,
        replies: answer.replies.length,
      },
      "message processed",
    );
  }

  private async runHttp(request: Parameters<HttpClient["run"]>[0]) {
    const result = await this.ctx.http.run(request);
    this.ctx.metrics.httpCalls.inc({ outcome: result.ok ? String(result.status) : result.error });
    if (!result.ok) {
      const host = URL.canParse(request.url) ? new URL(request.url).host : "invalid-url";
      this.ctx.log.warn({ host, error: result.error, detail: result.message }, "HTTP lookup failed");
    }
    return result;
  }

  /** Writes a step of the bot and returns the channel's answer. Used for messages and for agents giving back. */
  async commit(
    row: InboxRow | undefined,
    outcome: LoopOutcome,
    meta: {
      conversationId: string;
      isNew: boolean;
      pinned: Record<string, number>;
      flowVersion: number;
      customerText?: string;
      customerChoice?: string;
      now: number;
      /** When an agent gives back, replies are pushed through the outbox, not returned to a request. */
      pushReplies?: { channel: string; flowId: string; address: string };
      closeHandoffOf?: string;
      /** What a person did that led here, written in the transcript before the bot speaks. */
      transcriptEvent?: TranscriptEvent;
    },
  ): Promise<ChannelAnswer> {
    const { store, metrics, log } = this.ctx;
    const { conversations, messages, outbox, handoffs, events } = store.tables;
    const { now, conversationId } = meta;
    for (const error of outcome.errors) {
      metrics.runtimeErrors.inc({ code: error.code });
      log.warn(
        { conversationId, code: error.code, flowId: error.flowId, nodeId: error.nodeId, detail: error.message },
        "flow runtime error",
      );
    }
    const replies: BotMessage[] = [...outcome.outputs];
    let status: ConversationStatus =
      outcome.status.type === "wait" ? "bot" : outcome.status.type === "end" ? "closed" : "queued";
    let handoffRow: ReturnType<typeof recordHandoff>["row"] | undefined;
    if (outcome.status.type === "handoff") {
      const handoff = outcome.status.handoff;
      const recorded = recordHandoff({
        conversationId,
        handoff,
        queues: await loadQueues(store),
        now,
        language: outcome.state.language,
      });
      if (!recorded.queueKnown)
        log.warn({ conversationId, queue: handoff.queue }, "handoff to an unknown queue, sent to support");
      if (recorded.outOfHours) replies.push(recorded.outOfHours);
      handoffRow = recorded.row;
      status = "queued";
    }
    const channel = row?.channel ?? meta.pushReplies?.channel ?? "";
    const flowId = row?.flowId ?? meta.pushReplies?.flowId ?? "";
    const address = row?.address ?? meta.pushReplies?.address ?? "";
    const answer: ChannelAnswer = { conversationId, replies, status };
    await store.tx(async (db) => {
      if (meta.isNew) {
        await db.insert(conversations).values({
          id: conversationId,
          channel,
          address,
          flowId,
          flowVersion: meta.flowVersion,
          pinned: JSON.stringify(meta.pinned),
          state: JSON.stringify(outcome.state),
          status,
          assignedTo: null,
          createdAt: now,
          updatedAt: now,
        });
      } else {
        await db
          .update(conversations)
          .set({ state: JSON.stringify(outcome.state), status, assignedTo: null, updatedAt: now })
          .where(eq(conversations.id, conversationId));
      }
      if (meta.closeHandoffOf) {
        await db
          .update(handoffs)
          .set({ closedAt: now, disposition: "released" })
          .where(and(eq(handoffs.conversationId, meta.closeHandoffOf), isNull(handoffs.closedAt)));
      }
      if (meta.transcriptEvent) await db.insert(messages).values(eventLine(conversationId, meta.transcriptEvent, now));
      if (meta.customerText !== undefined) {
        await db.insert(messages).values({
          conversationId,
          role: "customer",
          text: meta.customerText,
          payload: meta.customerChoice ? JSON.stringify({ choiceId: meta.customerChoice }) : null,
          at: now,
        });
      }
      for (const reply of replies) {
        await db
          .insert(messages)
          .values({ conversationId, role: "bot", text: reply.text, payload: JSON.stringify(reply), at: now });
        await db.insert(outbox).values({
          conversationId,
          channel,
          address,
          message: JSON.stringify(reply),
          createdAt: now,
          // A reply to a message goes back in the channel's answer, which the inbox keeps for retries.
          sentAt: meta.pushReplies ? null : now,
        });
      }
      if (handoffRow) {
        await db.insert(handoffs).values(handoffRow);
        const reason = outcome.status.type === "handoff" ? outcome.status.handoff.reason : undefined;
        await db.insert(messages).values({
          conversationId,
          role: "system",
          text: `Transféré à la file ${handoffRow.queue} : ${reason?.label ?? reason?.detail ?? ""}`.trim(),
          at: now,
        });
      }
      const version = meta.flowVersion;
      if (outcome.events.length > 0) {
        await db.insert(events).values(
          outcome.events.map((event) => {
            const { type, flowId: eventFlow, nodeId, ...data } = event;
            return {
              conversationId,
              flowId: eventFlow,
              flowVersion: meta.pinned[eventFlow] ?? version,
              type,
              nodeId,
              data: Object.keys(data).length > 0 ? JSON.stringify(data) : null,
              at: now,
            };
          }),
        );
      }
      if (row) await this.markDone(db, row.id, answer, conversationId, now);
    });
    // Inside a turn the transaction commits later: agents and the outbox hear of it once it has.
    store.afterCommit(() => {
      if (handoffRow) {
        const kind = outcome.status.type === "handoff" ? outcome.status.handoff.reason.kind : "error";
        metrics.handoffs.inc({ queue: handoffRow.queue, kind });
        this.ctx.live.publish({
          type: "handoff.created",
          conversationId,
          queue: handoffRow.queue,
          priority: handoffRow.priority,
        });
      }
      if (status === "closed" && !meta.isNew) this.ctx.live.publish({ type: "conversation.closed", conversationId });
      if (meta.pushReplies) this.ctx.flushOutbox();
    });
    return answer;
  }

  private async toPerson(
    row: InboxRow,
    conversation: ConversationRow,
    payload: { text?: string; choiceId?: string },
    now: number,
  ): Promise<void> {
    const { conversations, messages } = this.ctx.store.tables;
    const text = payload.text ?? payload.choiceId ?? "";
    const answer: ChannelAnswer = {
      conversationId: conversation.id,
      replies: [],
      status: conversation.status as ConversationStatus,
    };
    await this.ctx.store.tx(async (db) => {
      await db.insert(messages).values({ conversationId: conversation.id, role: "customer", text, at: now });
      await db.update(conversations).set({ updatedAt: now }).where(eq(conversations.id, conversation.id));
      await this.markDone(db, row.id, answer, conversation.id, now);
    });
    this.ctx.store.afterCommit(() =>
      this.ctx.live.publish({ type: "conversation.message", conversationId: conversation.id, role: "customer", text }),
    );
  }

  private async markDone(db: Db, inboxId: number, answer: ChannelAnswer, conversationId: string | null, now: number) {
    const { inbox } = this.ctx.store.tables;
    await db
      .update(inbox)
      .set({ processedAt: now, conversationId, result: JSON.stringify(answer) })
      .where(eq(inbox.id, inboxId));
  }
}

/** One customer of one flow on one channel: whose messages take turns. */
const turnKey = (channel: string, flowId: string, address: string) => JSON.stringify([channel, flowId, address]);
