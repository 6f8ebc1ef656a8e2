import { and, asc, eq, inArray } from "drizzle-orm";
import type { DeliveryState, MessageDelivery } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { OutboxMessage } from "../store/json-columns.js";
import type { DeliveryStatus } from "./adapter.js";

interface SentMessage {
  id: number;
  role: string;
  text: string;
  at: number;
}
interface OutboxRow {
  id: number;
  message: string;
  createdAt: number;
  sentAt: number | null;
  failedAt: number | null;
  attempts: number;
  lastError: string | null;
}
interface Part {
  outboxId: number;
  status: string;
  error: string | null;
}

const RANK: Record<DeliveryStatus, number> = { sent: 0, delivered: 1, read: 2, failed: 3 };

/**
 * Which transcript entry each outbox row carries. Every writer (the step writer, the agent desk,
 * the notices) writes a bot or agent entry and its outbox row in one transaction, with the same
 * time and text, in the same order: rows are paired with entries in that order.
 */
export function pairWithMessages(messages: readonly SentMessage[], rows: readonly OutboxRow[]): Map<number, number> {
  const waiting = new Map<string, number[]>();
  for (const message of messages) {
    if (message.role !== "bot" && message.role !== "agent") continue;
    const key = JSON.stringify([message.at, message.text]);
    waiting.set(key, [...(waiting.get(key) ?? []), message.id]);
  }
  const paired = new Map<number, number>();
  for (const row of rows) {
    const { text } = readJson(OutboxMessage, row.message, { table: "outbox", column: "message", id: row.id });
    const candidates = waiting.get(JSON.stringify([row.createdAt, text]));
    const messageId = candidates?.shift();
    if (messageId !== undefined) paired.set(row.id, messageId);
  }
  return paired;
}

/**
 * Where an outbox row stands: given up or refused by the provider → failed; taken by the channel
 * → the least advanced of its provider messages (a long SMS is read only once every part is);
 * not taken yet → sending.
 */
export function deliveryState(row: OutboxRow, parts: readonly Part[]): { state: DeliveryState; error?: string } {
  if (row.failedAt !== null) return { state: "failed", ...(row.lastError ? { error: row.lastError } : {}) };
  const failed = parts.find((part) => part.status === "failed");
  if (failed) return { state: "failed", ...(failed.error ? { error: failed.error } : {}) };
  if (row.sentAt === null) return { state: "sending", ...(row.lastError ? { error: row.lastError } : {}) };
  if (parts.length === 0) return { state: "sent" };
  const least = parts.reduce((low, part) =>
    RANK[part.status as DeliveryStatus] < RANK[low.status as DeliveryStatus] ? part : low,
  );
  return { state: least.status as DeliveryState };
}

/** The delivery state of every message of a conversation that went through the outbox. */
export async function messageDeliveries(store: Store, conversationId: string): Promise<MessageDelivery[]> {
  const { messages, outbox, deliveries } = store.tables;
  return store.read(async (db) => {
    const rows = await db
      .select()
      .from(outbox)
      .where(eq(outbox.conversationId, conversationId))
      .orderBy(asc(outbox.id));
    if (rows.length === 0) return [];
    const sent = await db
      .select({ id: messages.id, role: messages.role, text: messages.text, at: messages.at })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), inArray(messages.role, ["bot", "agent"])))
      .orderBy(asc(messages.id));
    const parts = await db
      .select({ outboxId: deliveries.outboxId, status: deliveries.status, error: deliveries.error })
      .from(deliveries)
      .where(eq(deliveries.conversationId, conversationId));
    const paired = pairWithMessages(sent, rows);
    return rows.flatMap((row) => {
      const messageId = paired.get(row.id);
      if (messageId === undefined) return [];
      const state = deliveryState(
        row,
        parts.filter((part) => part.outboxId === row.id),
      );
      return [{ messageId, ...state, attempts: row.attempts }];
    });
  });
}
