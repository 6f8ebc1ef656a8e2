import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { v7 as uuidv7 } from "uuid";
import type { Attachment } from "../../schema/api/channels.js";
import { type ChannelAnswer, ConversationState } from "../../schema/api/index.js";
import type { DeadLetter } from "../../schema/api/ops.js";
import { notice, unreadableLine, waitingNotice } from "../channels/customer-notices.js";
import type { Config } from "../config.js";
import { type LoopOutcome, runEngine } from "../conversation/engine-loop.js";
import { liveEngineDeps } from "../conversation/live-deps.js";
import type { LiveEvents } from "../conversation/live-events.js";
import { loadQueues } from "../conversation/queues.js";
import { takeSatisfactionAnswer } from "../conversation/satisfaction.js";
import * as Q from "../conversation/step-queries.js";
import { answerInbox, type StepWriter, storedAnswer } from "../conversation/step-writer.js";
import type { ConversationStatus, InboundMessage } from "../conversation/types.js";
import { DomainError } from "../domain-error.js";
import type { EngineDeps, EngineEvent, EngineInput, HttpRequest, HttpResult } from "../engine/types.js";
import type { PublishedFlows } from "../flows/published.js";
import type { HttpClient } from "../http-client/http-client.js";
import { llmClassifier } from "../nlu/llm-intents.js";
import type { Metrics } from "../plugins/metrics.js";
import type { Db, Store } from "../store/db.js";
import { describeFailure, isTransient } from "../store/failure.js";
import { readJson } from "../store/json-column.js";
import { InboxPayload, PinnedVersions } from "../store/json-columns.js";
import type { ConversationRow, InboxRow, ReceivedInboxRow } from "../store/records.js";
import { insertInboxShared } from "./inbox-pg.js";
import { KeyedSerial } from "./keyed-serial.js";
import { type WaitingOrActive, waitingOrActive } from "./waiting-or-active.js";

export interface ProcessorContext {
  store: Store;
  flows: PublishedFlows;
  http: HttpClient;
  config: Config;
  metrics: Metrics;
  live: LiveEvents;
  log: FastifyBaseLogger;
  steps: StepWriter;
  /** Asked to deliver unsent outbox rows after a step that wrote some. */
  flushOutbox: () => void;
  /**
   * Channels whose replies go out through the outbox rather than in the answer to the request
   * (a provider's webhook answers only 200; the reply is a call to its API).
   */
  pushChannels?: ReadonlySet<string>;
}

/**
 * The HTTP answers gathered for one inbox row, in the order its flow asked for them, while the
 * conversation stood at `base`.
 */
interface Lookups {
  rowId: number;
  base: string;
  results: HttpResult[];
}

export type { DeadLetter };

/** A message a turn processes: its inbox row, or a message whose row its step writes (see `deliverInOneStep`). */
type Received = InboxRow | ({ id?: undefined } & ReceivedInboxRow);

/** Processing attempts of one inbox row before it is set aside; retries go at once, within the same drain. */
export const MAX_ATTEMPTS = 3;

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
 * an earlier message of that address is still being written. A message with nothing of its address
 * waiting is processed as it comes, its row written with its step (see `deliverInOneStep`).
 */
export class Processor {
  private readonly serial = new KeyedSerial();
  /**
   * Answers of rows processed here while their `deliver` waits, so that it need not read back what
   * this process has just written; only for waited rows, so rows resumed after a crash leave nothing.
   */
  private readonly answers = new Map<number, ChannelAnswer | undefined>();
  /**
   * The engine's dependencies by the versions a conversation is pinned to, built once for each set
   * (published versions never change) rather than for every message; a set per publish at most.
   */
  private readonly depsByPinned = new Map<string, EngineDeps>();

  /** The intent classifier: the configured language model in front of the trained models, or those alone. */
  private readonly classify: EngineDeps["classify"];

  /** Messages received and not yet answered. */
  private inHand = 0;
  /** Flows' HTTP lookups waiting for their answer. */
  private inLookup = 0;

  constructor(private readonly ctx: ProcessorContext) {
    const trained = ctx.flows.models.classify;
    this.classify = ctx.config.llm
      ? llmClassifier(ctx.config.llm, trained, (reason, error) => {
          ctx.metrics.llmFallbacks.inc({ reason });
          ctx.log.warn(
            { reason, why: (error as Error).message },
            "language model not used: the trained model answered",
          );
        })
      : trained;
  }

  /**
   * Whether this process has as many messages in hand as it takes at once (`RELAIS_MAX_IN_FLIGHT`): past
   * that, each more waits longer for all the others, and its sender is better told to come back. A message
   * waiting on its flow's HTTP lookup holds no turn and little memory: a CRM that hangs must not fill the
   * process for the customers of every other flow.
   */
  get full(): boolean {
    return this.inHand - this.inLookup >= this.ctx.config.maxInFlight;
  }

  /** Records a message in the inbox (once per channel and external id), processes it, and answers. */
  async deliver(message: InboundMessage): Promise<ChannelAnswer> {
    this.inHand++;
    this.ctx.metrics.messagesInHand.inc();
    try {
      return await this.take(message);
    } finally {
      this.inHand--;
      this.ctx.metrics.messagesInHand.dec();
    }
  }

  private async take(message: InboundMessage): Promise<ChannelAnswer> {
    const { store } = this.ctx;
    const key = turnKey(message.channel, message.flowId, message.address);
    const inbound = { channel: message.channel, address: message.address, externalId: message.externalId };
    const values = {
      ...inbound,
      flowId: message.flowId,
      payload: JSON.stringify({
        text: message.text,
        choiceId: message.choiceId,
        unsupported: message.unsupported,
        language: message.language,
        attachments: message.attachments,
      }),
      receivedAt: Date.now(),
    };
    const record = async (db: Db, inserted: { id: number } | undefined): Promise<Recorded> => {
      if (inserted)
        return {
          id: inserted.id,
          channel: message.channel,
          flowId: message.flowId,
          result: null,
          deadAt: null,
          duplicate: false,
        };
      const [existing] = await Q.inboxByExternalId(store, db, inbound);
      // The insert gave way to a row with the same key, which this read sees: in the same transaction on
      // SQLite; on PostgreSQL the insert waited for it to be committed.
      if (!existing)
        throw new Error(`Inbox row of ${inbound.channel} message ${inbound.externalId} neither written nor found.`);
      return { ...existing, duplicate: true };
    };
    // On PostgreSQL one statement takes the lock shared and writes the row (see `insertInboxShared`).
    const insert = () =>
      store.dialect === "postgres"
        ? insertInboxShared(store, key, values).then((inserted) => store.read((db) => record(db, inserted)))
        : store.sharedTx(key, async (db) => record(db, (await Q.insertInbox(store, db, values))[0]));
    const taken = await this.serial.run(key, () => this.deliverInOneStep(key, values, insert));
    if ("answer" in taken) {
      await store.durable();
      return taken.answer;
    }
    const { row } = taken;
    if (row.duplicate) this.ctx.metrics.duplicates.inc({ channel: message.channel });
    let answer: ChannelAnswer | undefined;
    if (!row.result && row.deadAt === null) {
      this.answers.set(row.id, undefined);
      try {
        await this.drain(message.channel, row.flowId, message.address, row.id);
        answer = this.answers.get(row.id);
      } finally {
        this.answers.delete(row.id);
      }
    }
    answer ??= await store.read((db) => storedAnswer(store, db, row.id));
    // Acknowledged means on disk: the message and its answer are flushed before the answer goes out.
    await store.durable();
    if (!answer) {
      throw new DomainError(
        "failed",
        "NOT_PROCESSED",
        `This message could not be processed and was set aside for an operator (inbox row ${row.id}); sending it again gives this same answer.`,
      );
    }
    return answer;
  }

  /**
   * In the address's turn: a message that is not a duplicate and finds nothing of its address waiting is
   * processed at once, and its inbox row written answered with its step, in one transaction. Nothing of it
   * is written before: a crash leaves its sender without an answer, who sends it again. Otherwise its row
   * is written in the turn (`insert`), so that a later message of the address finds it waiting, and it
   * goes the usual way (`drain`); so does a message whose step fails, with the failure counted. On
   * PostgreSQL so does a message whose flow needs an HTTP lookup, which runs holding no lock: other
   * processes must see the message wait meanwhile. On SQLite the turn of this process is enough.
   */
  private async deliverInOneStep(
    key: string,
    message: ReceivedInboxRow,
    insert: () => Promise<Recorded>,
  ): Promise<{ answer: ChannelAnswer } | { row: Recorded }> {
    const { store } = this.ctx;
    const lookups: Lookups = { rowId: 0, base: "", results: [] };
    for (;;) {
      let taken: { answer: ChannelAnswer } | { row: Recorded } | { lookup: HttpRequest };
      try {
        taken = await store.exclusive(key, async () => {
          const { channel, flowId, address, externalId } = message;
          const read = await store.read((db) => waitingOrActive(store, db, { channel, flowId, address, externalId }));
          if (read.waiting) return { row: await insert() };
          const processed = await this.process(message, lookups, read);
          if ("lookup" in processed && store.dialect === "postgres") return { row: await insert() };
          return processed;
        });
      } catch (error) {
        if (isTransient(error)) throw error;
        // A duplicate written meanwhile under another flow failed the step on the inbox's unique key:
        // the insert finds it. Anything else is counted as the row's first attempt.
        const row = await insert();
        if (!row.duplicate) await this.recordFailure(row, error);
        return { row };
      }
      if (!("lookup" in taken)) return taken;
      lookups.results.push(await this.runHttp(taken.lookup));
    }
  }

  /**
   * Processes every unprocessed inbox row: the ones a crash or a database out of reach left behind.
   * One address failing never stops the others (its failing row is set aside as it would be for a
   * live message); the store failing rejects, once every address has been tried.
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
    let storeFailure: unknown;
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") {
        if (isTransient(outcome.reason)) storeFailure ??= outcome.reason;
        else
          this.ctx.log.error(
            { failure: describeFailure(outcome.reason) },
            "could not resume a conversation's messages",
          );
      }
    }
    // The store failing leaves rows for later: the caller hears of it, to try again once it answers.
    if (storeFailure) throw storeFailure;
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

  /**
   * Processes the address's unprocessed rows oldest first, each in its own turn, until none is left,
   * or, for a `deliver` (`until` its row), until its row is processed: the rows after it have callers
   * of their own, and looking again would cost every message a query that finds nothing.
   */
  private drain(channel: string, flowId: string, address: string, until?: number): Promise<void> {
    const { store } = this.ctx;
    const key = turnKey(channel, flowId, address);
    let current: InboxRow | undefined;
    let lookups: Lookups | undefined;
    const step = () =>
      store.exclusive(key, async () => {
        // Read under the lock: another process may have just processed what this one was told about.
        const next = Q.oldest(await store.read((db) => Q.pendingOf(store, db, { channel, flowId, address })));
        if (!next || (until !== undefined && next.id > until)) return { done: true as const };
        current = next;
        if (lookups?.rowId !== next.id) lookups = { rowId: next.id, base: "", results: [] };
        return { done: false as const, rowId: next.id, ...(await this.process(next, lookups)) };
      });
    return this.serial.run(key, async () => {
      for (;;) {
        current = undefined;
        try {
          const taken = await step();
          if (taken.done) return;
          // The turn asked for an HTTP lookup and wrote nothing: it runs here, holding no connection and
          // no lock, and the next turn takes the message again with the answer.
          if ("lookup" in taken) {
            if (lookups) lookups.results.push(await this.runHttp(taken.lookup));
            continue;
          }
          // Committed now (on PostgreSQL the exclusive turn commits as it returns).
          if (this.answers.has(taken.rowId)) this.answers.set(taken.rowId, taken.answer);
          if (until !== undefined && taken.rowId >= until) return;
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
  private async recordFailure(row: { id: number; channel: string; flowId: string }, error: unknown): Promise<void> {
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

  /**
   * Processes one inbox row in the caller's turn and returns its answer, or returns the HTTP lookup its
   * flow needs next and writes nothing: the caller runs it outside the turn and calls again with the
   * answer in `lookups`.
   */
  private async process(
    row: Received,
    lookups: Lookups,
    /** The address's active conversation (and its analytics row), when the caller has just read it in its turn. */
    read?: Omit<WaitingOrActive, "waiting">,
  ): Promise<{ lookup: HttpRequest } | { answer: ChannelAnswer }> {
    const { store, metrics, log } = this.ctx;
    const started = performance.now();
    const now = Date.now();
    if (lookups.results.length === 0) {
      metrics.messageWait.observe({ channel: row.channel }, Math.max(0, now - row.receivedAt) / 1000);
    }
    const payload = readJson(InboxPayload, row.payload, {
      table: "inbox",
      column: "payload",
      id: row.id ?? `${row.channel} message ${row.externalId}`,
    });
    // Kept for the agent as a line of its own; the bot does not take it as an answer.
    if (payload.unsupported !== undefined) payload.text = unreadableLine(payload.unsupported);
    const [active] =
      read?.active ??
      (await store.read((db) =>
        Q.activeConversation(store, db, { channel: row.channel, flowId: row.flowId, address: row.address }),
      ));
    // The answer to the satisfaction question of their last conversation is recorded, not run through the bot.
    if (!active && payload.unsupported === undefined) {
      const pushed = this.ctx.pushChannels?.has(row.channel) ?? false;
      const scored = await takeSatisfactionAnswer(store, row, payload, pushed, now);
      if (scored) {
        metrics.messages.inc({ channel: row.channel, handler: "satisfaction" });
        if (pushed) store.afterCommit(() => this.ctx.flushOutbox());
        return { answer: scored.answer };
      }
    }
    if (active && (active.status === "queued" || active.status === "agent")) {
      const answer = await this.toPerson(row, active, payload, now);
      metrics.messages.inc({ channel: row.channel, handler: "person" });
      return { answer };
    }
    const pinned = active
      ? readJson(PinnedVersions, active.pinned, { table: "conversations", column: "pinned", id: active.id })
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
      await store.tx((db) => answerInbox(db, this.ctx.store, row, answer, null, now));
      return { answer };
    }
    const pinnedKey = JSON.stringify(pinned);
    let deps = this.depsByPinned.get(pinnedKey);
    if (!deps) {
      deps = liveEngineDeps(this.ctx.config, compiledFlows, this.classify);
      this.depsByPinned.set(pinnedKey, deps);
    }
    const state = active
      ? readJson(ConversationState, active.state, { table: "conversations", column: "state", id: active.id })
      : undefined;
    if (payload.unsupported !== undefined && state && active) {
      const outcome: LoopOutcome = {
        state,
        outputs: [{ nodeId: "notice:unreadable", text: notice("unreadable", state.language) }],
        status: { type: "wait", nodeId: state.stack.at(-1)?.nodeId ?? "" },
        events: [],
        errors: [],
      };
      const answer = await this.ctx.steps.write(row, outcome, {
        conversationId: active.id,
        isNew: false,
        pinned,
        flowVersion: active.flowVersion,
        customerText: payload.text,
        customerAttachments: payload.attachments,
        storedAggregate: read?.aggregate,
        now,
      });
      metrics.messages.inc({ channel: row.channel, handler: "bot" });
      return { answer };
    }
    // A new conversation starts with the customer's message (its first intent node reads it) and
    // with who wrote it, as the flow's built-in `contact` variable.
    const input: EngineInput = !active
      ? {
          type: "start",
          text: payload.unsupported === undefined ? payload.text : undefined,
          ...(payload.language ? { language: payload.language } : {}),
          variables: { contact: { channel: row.channel, address: row.address } },
        }
      : payload.choiceId !== undefined
        ? { type: "choice", choiceId: payload.choiceId }
        : { type: "text", text: payload.text ?? "" };
    // The answers looked up in earlier turns hold while the conversation is as it was then.
    const base = active?.state ?? `new:${pinnedKey}`;
    if (lookups.base !== base) Object.assign(lookups, { base, results: [] });
    let asked: HttpRequest | undefined;
    let answered = 0;
    const outcome = await runEngine(compiled, state, input, deps, async (request) => {
      const known = lookups.results[answered++];
      if (known) return known;
      asked ??= request;
      return { ok: false, error: "network", message: "looked up outside the turn" };
    });
    if (asked) return { lookup: asked };
    if (payload.unsupported !== undefined) {
      outcome.outputs.unshift({ nodeId: "notice:unreadable", text: notice("unreadable", outcome.state.language) });
    }
    // Time-ordered: the conversations talking now sit side by side in every index keyed by conversation
    // (their transcript lines, their analytics), so a group commit writes a few shared pages rather than
    // a page per conversation scattered over the whole history.
    const conversationId = active?.id ?? uuidv7();
    const answer = await this.ctx.steps.write(row, outcome, {
      conversationId,
      isNew: !active,
      pinned,
      flowVersion: active?.flowVersion ?? (pinned[row.flowId] as number),
      customerText: payload.text ?? tapped(outcome.events) ?? payload.choiceId,
      customerChoice: payload.choiceId,
      customerAttachments: payload.attachments,
      storedAggregate: read?.aggregate,
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
    return { answer };
  }

  private async runHttp(request: Parameters<HttpClient["run"]>[0]) {
    this.inLookup++;
    const result = await this.ctx.http.run(request).finally(() => this.inLookup--);
    this.ctx.metrics.httpCalls.inc({ outcome: result.ok ? String(result.status) : result.error });
    if (!result.ok) {
      const host = URL.canParse(request.url) ? new URL(request.url).host : "invalid-url";
      this.ctx.log.warn({ host, error: result.error, detail: result.message }, "HTTP lookup failed");
    }
    return result;
  }

  private async toPerson(
    row: Received,
    conversation: ConversationRow,
    payload: { text?: string; choiceId?: string; attachments?: Attachment[] },
    now: number,
  ): Promise<ChannelAnswer> {
    const { store } = this.ctx;
    const { handoffs, outbox } = store.tables;
    const text = payload.text ?? payload.choiceId ?? "";
    const pushed = this.ctx.pushChannels?.has(row.channel) ?? false;
    const answer: ChannelAnswer = {
      conversationId: conversation.id,
      replies: [],
      status: conversation.status as ConversationStatus,
    };
    // While the case waits, the customer hears once how long it usually takes (or when people are back).
    const [waiting] =
      conversation.status === "queued"
        ? await store.read((db) =>
            db
              .select({ queue: handoffs.queue, createdAt: handoffs.createdAt })
              .from(handoffs)
              .where(and(eq(handoffs.conversationId, conversation.id), isNull(handoffs.closedAt))),
          )
        : [];
    const queues = waiting ? await loadQueues(store) : undefined;
    await store.tx(async (db) => {
      await Q.insertMessage(store, db, {
        conversationId: conversation.id,
        role: "customer",
        text,
        payload: payload.attachments ? JSON.stringify({ attachments: payload.attachments }) : null,
        replyTo: null,
        at: now,
      });
      if (waiting) {
        const { language } = readJson(ConversationState, conversation.state, {
          table: "conversations",
          column: "state",
          id: conversation.id,
        });
        const told = await waitingNotice(
          db,
          store.tables,
          conversation.id,
          queues?.get(waiting.queue),
          waiting.createdAt,
          language,
          now,
        );
        if (told) {
          answer.replies.push(told);
          const { text: toldText, ...rest } = told;
          await Q.insertMessage(store, db, {
            conversationId: conversation.id,
            role: "bot",
            text: toldText,
            payload: JSON.stringify(rest),
            replyTo: row.externalId,
            at: now,
          });
          // Pushed channels get it through the outbox; the others in this answer, kept by the inbox.
          if (pushed)
            await db.insert(outbox).values({
              conversationId: conversation.id,
              channel: row.channel,
              address: row.address,
              message: JSON.stringify(told),
              createdAt: now,
            });
        }
      }
      await Q.touchConversation(store, db, { id: conversation.id, now });
      await answerInbox(db, store, row, answer, conversation.id, now);
    });
    this.ctx.store.afterCommit(() => {
      this.ctx.live.publish({ type: "conversation.message", conversationId: conversation.id, role: "customer", text });
      if (pushed && answer.replies.length > 0) this.ctx.flushOutbox();
    });
    return answer;
  }
}

/** What the customer tapped, in words: a tap sends only the choice's id, and the transcript shows the label. */
const tapped = (events: readonly EngineEvent[]) => {
  for (const event of events) if (event.type === "input" && event.tapped !== undefined) return event.tapped;
  return undefined;
};

/** A message's inbox row as `deliver` wrote it, or the one already there for the same message. */
type Recorded = Pick<InboxRow, "id" | "flowId" | "result" | "deadAt" | "channel"> & { duplicate: boolean };

/** One customer of one flow on one channel: whose messages take turns. */
const turnKey = (channel: string, flowId: string, address: string) => JSON.stringify([channel, flowId, address]);
