import { and, eq, isNull } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Counter } from "prom-client";
import type { Attachment } from "../../schema/api/channels.js";
import type { TranscriptEvent } from "../../schema/api/handoff.js";
import { countStep, type RecordedStep, recordStep, rememberStep, type StoredAggregate } from "../analytics/record.js";
import type { BotMessage } from "../engine/types.js";
import type { Db, Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { BotPayload, InboxResult } from "../store/json-columns.js";
import { type Write, writeAll } from "../store/prepared.js";
import type { ReceivedInboxRow } from "../store/records.js";
import type { LoopOutcome } from "./engine-loop.js";
import { recordHandoff } from "./handoff-record.js";
import type { LiveEvents } from "./live-events.js";
import { loadQueues } from "./queues.js";
import * as Q from "./step-queries.js";
import { systemEntry } from "./system-entry.js";
import type { ChannelAnswer, ConversationStatus } from "./types.js";

export interface StepWriterDeps {
  store: Store;
  /** The counters a step moves (the app's metrics registry has them). */
  metrics: { runtimeErrors: Counter<"code">; handoffs: Counter<"queue" | "kind"> } & Parameters<typeof countStep>[0];
  live: LiveEvents;
  log: FastifyBaseLogger;
  /** Asked to deliver unsent outbox rows after a step that pushed some. */
  flushOutbox: () => void;
  /**
   * Channels whose replies go out through the outbox rather than in the answer to the request
   * (a provider's webhook answers only 200; the reply is a call to its API).
   */
  pushChannels?: ReadonlySet<string>;
}

/**
 * The inbox row a step answers: a row written when the message came in (`id`), or a message whose row
 * is written with its answer, in the transaction of its step (`id` undefined, the row's values here).
 */
export type InboxRef =
  | ({ id: number } & Pick<ReceivedInboxRow, "channel" | "flowId" | "address" | "externalId" | "payload">)
  | ({ id?: undefined } & ReceivedInboxRow);

export interface StepMeta {
  conversationId: string;
  isNew: boolean;
  pinned: Record<string, number>;
  flowVersion: number;
  customerText?: string;
  customerChoice?: string;
  /** The files the customer sent, kept with their line. */
  customerAttachments?: Attachment[];
  /** The conversation's analytics row, when read with it in the same turn (null: it has none). */
  storedAggregate?: StoredAggregate | null;
  now: number;
  /** When an agent gives back, replies are pushed through the outbox, not returned to a request. */
  pushReplies?: { channel: string; flowId: string; address: string };
  closeHandoffOf?: string;
  /** What a person did that led here (an agent giving back), written in the transcript before the bot speaks. */
  transcriptEvent?: TranscriptEvent;
}

/**
 * Writes one step of a conversation in one transaction: its state, transcript, outbox rows,
 * handoff, analytics and the inbox row's answer. The worker (customer messages) and the
 * agent desk (an agent giving back to the bot) both write steps through it.
 */
export class StepWriter {
  constructor(private readonly deps: StepWriterDeps) {}

  /**
   * Writes a step of the bot and returns the channel's answer: for a customer's message (`inbox`,
   * whose row gets the answer) and for an agent giving a conversation back (`meta.pushReplies`).
   */
  async write(inbox: InboxRef | undefined, outcome: LoopOutcome, meta: StepMeta): Promise<ChannelAnswer> {
    const { store, metrics, log } = this.deps;
    const { outbox, handoffs } = store.tables;
    const { now, conversationId } = meta;
    for (const error of outcome.errors) {
      metrics.runtimeErrors.inc({ code: error.code });
      log.warn(
        { conversationId, code: error.code, flowId: error.flowId, nodeId: error.nodeId, detail: error.message },
        "flow runtime error",
      );
    }
    const replies: BotMessage[] = [...outcome.outputs];
    const pushed = meta.pushReplies !== undefined || (this.deps.pushChannels?.has(inbox?.channel ?? "") ?? false);
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
    const channel = inbox?.channel ?? meta.pushReplies?.channel ?? "";
    const flowId = inbox?.flowId ?? meta.pushReplies?.flowId ?? "";
    const address = inbox?.address ?? meta.pushReplies?.address ?? "";
    const answer: ChannelAnswer = { conversationId, replies, status };
    let recorded: RecordedStep | undefined;
    await store.tx(async (db) => {
      // The step's transcript lines go in one insert, in their order, once its handoff is written.
      const lines: Parameters<typeof Q.insertMessages>[2][number][] = [];
      const state = JSON.stringify(outcome.state);
      // The conversation, its lines, its analytics and the inbox row's answer: one statement on PostgreSQL.
      const writes: (Write | undefined)[] = [
        meta.isNew
          ? Q.insertConversation.with({
              id: conversationId,
              channel,
              address,
              flowId,
              flowVersion: meta.flowVersion,
              pinned: JSON.stringify(meta.pinned),
              state,
              status,
              now,
            })
          : Q.updateConversation.with({ id: conversationId, state, status, now }),
      ];
      if (meta.closeHandoffOf) {
        await db
          .update(handoffs)
          .set({ closedAt: now, disposition: "released" })
          .where(and(eq(handoffs.conversationId, meta.closeHandoffOf), isNull(handoffs.closedAt)));
      }
      if (meta.transcriptEvent) lines.push(systemEntry(conversationId, meta.transcriptEvent, now));
      if (meta.customerText !== undefined) {
        lines.push({
          conversationId,
          role: "customer",
          text: meta.customerText,
          payload:
            meta.customerChoice || meta.customerAttachments
              ? JSON.stringify({ choiceId: meta.customerChoice, attachments: meta.customerAttachments })
              : null,
          replyTo: null,
          at: now,
        });
      }
      const replyTo = inbox?.externalId ?? null;
      for (const { text, ...rest } of replies) {
        // The text once, in its column; the payload keeps the rest (node, choices, media).
        lines.push({ conversationId, role: "bot", text, payload: JSON.stringify(rest), replyTo, at: now });
      }
      // A reply to a message goes back in the channel's answer, which the inbox keeps for retries:
      // only pushed replies (an agent giving back, a provider's channel) go through the outbox.
      if (pushed && replies.length > 0) {
        await db.insert(outbox).values(
          replies.map((reply) => ({
            conversationId,
            channel,
            address,
            message: JSON.stringify(reply),
            createdAt: now,
          })),
        );
      }
      if (handoffRow) {
        await db.insert(handoffs).values(handoffRow);
        if (outcome.status.type === "handoff") {
          const { priority, reason } = outcome.status.handoff;
          const params = { queue: handoffRow.queue, priority, reason };
          lines.push(systemEntry(conversationId, { event: "handedOff", params }, now));
        }
      }
      writes.push(Q.insertMessages.write(lines));
      // The engine's events are folded into the analytics aggregates, never stored as they are: some
      // (`heard`, `filled`) hold what the customer wrote.
      recorded = await recordStep(
        store,
        db,
        {
          conversationId,
          flowId,
          flowVersion: meta.flowVersion,
          pinned: meta.pinned,
          now,
          customerMessage: meta.customerText !== undefined,
          isNew: meta.isNew,
          stored: meta.storedAggregate,
          events: outcome.events,
          status: outcome.status,
        },
        writes,
      );
      if (inbox) writes.push(inboxAnswer(inbox, answer, conversationId, now));
      await writeAll(store, db, writes);
    });
    // Inside a turn the transaction commits later: agents and the outbox hear of it once it has.
    store.afterCommit(() => {
      if (recorded) {
        countStep(metrics, recorded);
        rememberStep(store, recorded);
      }
      if (handoffRow) {
        const kind = outcome.status.type === "handoff" ? outcome.status.handoff.reason.kind : "error";
        metrics.handoffs.inc({ queue: handoffRow.queue, kind });
        this.deps.live.publish({
          type: "handoff.created",
          conversationId,
          queue: handoffRow.queue,
          priority: handoffRow.priority,
        });
      }
      if (status === "closed" && !meta.isNew) this.deps.live.publish({ type: "conversation.closed", conversationId });
      if (pushed) this.deps.flushOutbox();
    });
    return answer;
  }
}

/**
 * Records the channel's answer on the inbox row, so that a retry of the same message gets it again; a
 * message not written yet is written now, answered. Its row cannot be there already (the caller looked,
 * in the message's turn); a duplicate written meanwhile under another flow fails the step whole.
 *
 * What the conversation's transcript holds is not written again: the replies are its bot lines that
 * reply to the message (the caller writes them with `replyTo`, see {@link InboxResult}), and what the
 * customer sent is its line, so the row keeps only the key that dedupes retries. An answer with no
 * conversation has no transcript: its row keeps the message and the replies.
 */
export async function answerInbox(
  db: Db,
  store: Store,
  inbox: InboxRef,
  answer: ChannelAnswer,
  conversationId: string | null,
  now: number,
) {
  const write = inboxAnswer(inbox, answer, conversationId, now);
  await write.query(store, db, write.values);
}

/** The answer {@link answerInbox} recorded on inbox row `id`, its replies read back; none until it is answered. */
export async function storedAnswer(store: Store, db: Db, id: number): Promise<ChannelAnswer | undefined> {
  const [row] = await Q.inboxAnswer(store, db, { id });
  if (!row?.result) return undefined;
  const { replies, ...stored } = readJson(InboxResult, row.result, { table: "inbox", column: "result", id });
  if (replies || stored.conversationId === null) return { ...stored, replies: replies ?? [] };
  const lines = await Q.repliesTo(store, db, {
    conversationId: stored.conversationId,
    replyTo: row.externalId,
    at: row.processedAt,
  });
  return {
    ...stored,
    replies: lines.map((line) => ({
      ...readJson(BotPayload, line.payload ?? "{}", { table: "messages", column: "payload", id: line.id }),
      text: line.text,
    })),
  };
}

/** The write of {@link answerInbox}, to run with the rest of a step. */
function inboxAnswer(inbox: InboxRef, answer: ChannelAnswer, conversationId: string | null, now: number): Write {
  const inTranscript = answer.conversationId !== null;
  const stored: InboxResult = inTranscript ? { conversationId: answer.conversationId, status: answer.status } : answer;
  const result = JSON.stringify(stored);
  const payload = inTranscript ? ANSWERED_PAYLOAD : inbox.payload;
  if (inbox.id !== undefined) return Q.markDone.with({ id: inbox.id, now, conversationId, result, payload });
  const { channel, externalId, flowId, address, receivedAt } = inbox;
  return Q.insertAnswered.with({
    channel,
    externalId,
    flowId,
    address,
    payload,
    receivedAt,
    now,
    conversationId,
    result,
  });
}

/** `inbox.payload` of a message answered in its conversation, whose transcript line holds what it said. */
const ANSWERED_PAYLOAD = "{}";
