import { and, count, eq, gt, inArray, max, sql } from "drizzle-orm";
import { ConversationState, type ConversationSummary, HandoffReason } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import type { ConversationRow } from "../store/records.js";
import { customerIdentity } from "./customer-identity.js";

/** Last lines are cut: a list shows their beginning, the conversation the rest. */
const PREVIEW_CHARS = 160;

/** Enriches conversation rows for a list in four queries, whatever their number. */
export async function summarize(store: Store, rows: Omit<ConversationRow, "pinned">[]): Promise<ConversationSummary[]> {
  if (rows.length === 0) return [];
  const { messages, handoffs } = store.tables;
  const ids = rows.map((row) => row.id);
  const spoken = inArray(messages.role, ["customer", "bot", "agent"]);
  const [lastIds, latestHandoffs, unanswered] = await Promise.all([
    store.read((db) =>
      db
        .select({ conversationId: messages.conversationId, id: max(messages.id) })
        .from(messages)
        .where(and(inArray(messages.conversationId, ids), spoken))
        .groupBy(messages.conversationId),
    ),
    store.read((db) => db.select().from(handoffs).where(inArray(handoffs.conversationId, ids))),
    unansweredCounts(store, ids),
  ]);
  const lastMessageIds = lastIds.map((row) => row.id).filter((id): id is number => id !== null);
  const lastMessages =
    lastMessageIds.length === 0
      ? []
      : await store.read((db) =>
          db
            .select({
              conversationId: messages.conversationId,
              role: messages.role,
              text: messages.text,
              at: messages.at,
            })
            .from(messages)
            .where(inArray(messages.id, lastMessageIds)),
        );
  const handoffOf = new Map<string, (typeof latestHandoffs)[number]>();
  for (const handoff of latestHandoffs) {
    const known = handoffOf.get(handoff.conversationId);
    if (!known || known.createdAt <= handoff.createdAt) handoffOf.set(handoff.conversationId, handoff);
  }
  return rows.map((row) => {
    const state = readJson(ConversationState, row.state, { table: "conversations", column: "state", id: row.id });
    const last = lastMessages.find((message) => message.conversationId === row.id);
    const handoff = handoffOf.get(row.id);
    return {
      id: row.id,
      channel: row.channel,
      flowId: row.flowId,
      flowVersion: row.flowVersion,
      status: row.status,
      assignedTo: row.assignedTo,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      customer: customerIdentity(state.variables ?? {}, row.address),
      lastMessage: last
        ? {
            role: last.role,
            text: last.text.length > PREVIEW_CHARS ? `${last.text.slice(0, PREVIEW_CHARS)}…` : last.text,
            at: last.at,
          }
        : null,
      unanswered: unanswered.get(row.id) ?? 0,
      handoff: handoff
        ? {
            queue: handoff.queue,
            priority: handoff.priority,
            reason: readJson(HandoffReason, handoff.reason, { table: "handoffs", column: "reason", id: handoff.id }),
            slaDueAt: handoff.slaDueAt,
            createdAt: handoff.createdAt,
          }
        : null,
    };
  });
}

/** Per conversation, the customer messages after the last answer they got, from a person or the bot. */
async function unansweredCounts(store: Store, ids: string[]): Promise<Map<string, number>> {
  const { messages } = store.tables;
  // Written out so that it reads the same on SQLite and PostgreSQL: the newest answer in the row's conversation
  // (the bot answers every message while it has the conversation, so only what came after it waits).
  const lastAnswer = sql`coalesce((select max(answer.id) from messages answer where answer.conversation_id = ${messages.conversationId} and answer.role in ('agent', 'bot')), 0)`;
  const rows = await store.read((db) =>
    db
      .select({ conversationId: messages.conversationId, count: count() })
      .from(messages)
      .where(and(inArray(messages.conversationId, ids), eq(messages.role, "customer"), gt(messages.id, lastAnswer)))
      .groupBy(messages.conversationId),
  );
  return new Map(rows.map((row) => [row.conversationId, Number(row.count)]));
}
