import { and, eq, inArray, isNotNull, lt, notInArray, type SQL } from "drizzle-orm";
import type { Db, Store } from "./db.js";

/** How long what customers wrote is kept: a number of days for all flows, and flows of their own. */
export interface RetentionPolicy {
  /** Days a transcript is kept after its conversation's last activity (closed, or idle with the bot). */
  transcriptDays: number;
  /** Flows kept longer or shorter than `transcriptDays`, by flow id. */
  transcriptDaysByFlow: Readonly<Record<string, number>>;
  /**
   * Days an answered inbox row and a sent outbox row are kept: long enough for a provider's retry to
   * find its answer (the inbox dedupes on it) and for delivery receipts to find their message.
   */
  deliveryDays: number;
}

/** What one pass deleted, table by table. Analytics aggregates hold no text and are never pruned. */
export interface Pruned {
  conversations: number;
  messages: number;
  handoffs: number;
  outbox: number;
  deliveries: number;
  inbox: number;
}

const DAY_MS = 86_400_000;
/** Rows deleted per statement: a batch holds the database (and SQLite's event loop) only briefly. */
export const PRUNE_BATCH = 200;

const nothing = (): Pruned => ({
  conversations: 0,
  messages: 0,
  handoffs: 0,
  outbox: 0,
  deliveries: 0,
  inbox: 0,
});

const total = (pruned: Pruned) => Object.values(pruned).reduce((sum, count) => sum + count, 0);

/** Each flow with days of its own, then every other flow under the global days. */
function rules(policy: RetentionPolicy) {
  const own = Object.entries(policy.transcriptDaysByFlow);
  const ids = own.map(([flowId]) => flowId);
  return [
    ...own.map(([flowId, days]) => ({ flow: (column: Parameters<typeof eq>[0]) => eq(column, flowId), days })),
    {
      flow: (column: Parameters<typeof eq>[0]) => (ids.length > 0 ? notInArray(column, ids) : undefined),
      days: policy.transcriptDays,
    },
  ];
}

/**
 * Deletes one batch of what the policy no longer keeps, each table in a transaction of its own:
 * - conversations closed, or left with the bot, for longer than their flow's days (never one waiting
 *   for a person or with one), with their transcript, handoffs, outbox rows and delivery
 *   receipts; the conversation row goes first, its condition checked again as it is deleted, so one a
 *   customer has just written to again is kept whole;
 * - answered inbox rows after the delivery days (or the flow's, when shorter), and rows set aside
 *   for operators after the flow's transcript days;
 * - sent outbox rows after the delivery days, with their receipts (failed ones stay with their
 *   conversation: agents see them).
 */
export async function pruneBatch(store: Store, policy: RetentionPolicy, now: number): Promise<Pruned> {
  const { conversations, conversationSearch, messages, handoffs, outbox, deliveries, inbox, satisfaction } =
    store.tables;
  const pruned = nothing();
  const deliveryCutoff = now - policy.deliveryDays * DAY_MS;
  for (const rule of rules(policy)) {
    const cutoff = now - rule.days * DAY_MS;
    const gone = await store.tx(async (db) => {
      const idle = db
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          and(
            rule.flow(conversations.flowId),
            lt(conversations.updatedAt, cutoff),
            inArray(conversations.status, ["closed", "bot"]),
          ),
        )
        .limit(PRUNE_BATCH);
      const ids = (
        await db
          .delete(conversations)
          .where(
            and(
              inArray(conversations.id, idle),
              lt(conversations.updatedAt, cutoff),
              inArray(conversations.status, ["closed", "bot"]),
            ),
          )
          .returning({ id: conversations.id })
      ).map((row) => row.id);
      if (ids.length === 0) return nothing();
      const sent = db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.conversationId, ids));
      // The search document repeats the transcript's words: it goes with it (not counted: a copy).
      await db.delete(conversationSearch).where(inArray(conversationSearch.conversationId, ids));
      // Scores go with the conversations they were given for, as their handoffs do.
      await db.delete(satisfaction).where(inArray(satisfaction.conversationId, ids));
      return {
        ...nothing(),
        conversations: ids.length,
        deliveries: await count(db.delete(deliveries).where(inArray(deliveries.outboxId, sent)), deliveries.id),
        outbox: await count(db.delete(outbox).where(inArray(outbox.conversationId, ids)), outbox.id),
        messages: await count(db.delete(messages).where(inArray(messages.conversationId, ids)), messages.id),
        handoffs: await count(db.delete(handoffs).where(inArray(handoffs.conversationId, ids)), handoffs.id),
      };
    });
    for (const key of Object.keys(pruned) as (keyof Pruned)[]) pruned[key] += gone[key];
    const answeredBefore = Math.max(cutoff, deliveryCutoff);
    pruned.inbox += await deleteInbox(store, and(rule.flow(inbox.flowId), lt(inbox.processedAt, answeredBefore)));
    pruned.inbox += await deleteInbox(store, and(rule.flow(inbox.flowId), lt(inbox.deadAt, cutoff)));
  }
  const sentOutbox = (db: Db) =>
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(isNotNull(outbox.sentAt), lt(outbox.sentAt, deliveryCutoff)))
      .limit(PRUNE_BATCH);
  const sent = await store.tx(async (db) => {
    const ids = (await sentOutbox(db)).map((row) => row.id);
    if (ids.length === 0) return { outbox: 0, deliveries: 0 };
    return {
      deliveries: await count(db.delete(deliveries).where(inArray(deliveries.outboxId, ids)), deliveries.id),
      outbox: await count(db.delete(outbox).where(inArray(outbox.id, ids)), outbox.id),
    };
  });
  pruned.outbox += sent.outbox;
  pruned.deliveries += sent.deliveries;
  return pruned;
}

async function deleteInbox(store: Store, condition: SQL | undefined): Promise<number> {
  const { inbox } = store.tables;
  return store.tx((db) =>
    count(
      db
        .delete(inbox)
        .where(inArray(inbox.id, db.select({ id: inbox.id }).from(inbox).where(condition).limit(PRUNE_BATCH))),
      inbox.id,
    ),
  );
}

/** Rows a delete removed. */
async function count<C>(
  deletion: { returning: (fields: { id: C }) => PromiseLike<unknown[]> },
  id: C,
): Promise<number> {
  return (await deletion.returning({ id })).length;
}

/**
 * Prunes batch after batch until nothing is left to prune, letting other work in between batches
 * (each is its own few transactions). Returns everything it deleted.
 */
export async function pruneAll(store: Store, policy: RetentionPolicy, now: number): Promise<Pruned> {
  const all = nothing();
  for (;;) {
    const batch = await pruneBatch(store, policy, now);
    for (const key of Object.keys(all) as (keyof Pruned)[]) all[key] += batch[key];
    if (total(batch) === 0) return all;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
