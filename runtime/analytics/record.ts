import { eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { EngineStatus } from "../engine/types.js";
import type { Metrics } from "../plugins/metrics.js";
import type { CommitBatch, Db, Store, Tables } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { StringList } from "../store/json-columns.js";
import { prepared, preparedRows, type Write, writeAll } from "../store/prepared.js";
import { type ConversationAggregate, type CountIncrement, foldTurn, type Turn } from "./fold.js";

export type StepFacts = Omit<Turn, "status"> & {
  status: Exclude<EngineStatus, { type: "effect" }>;
  /** The conversation starts at this step, so it has no row yet to read (on PostgreSQL, a round trip saved). */
  isNew?: boolean;
  /**
   * Its row, when the caller read it with the conversation in the same turn (null: it has none), so
   * the step need not read it again (on PostgreSQL, a round trip saved).
   */
  stored?: StoredAggregate | null;
};

/** What a recorded step changed, for the Prometheus counters once it is committed. */
export interface RecordedStep {
  aggregate: ConversationAggregate;
  started: boolean;
  outcomeChanged: boolean;
}

const p = sql.placeholder;

const storedRow = prepared((db, { analyticsConversations: rows }) =>
  db
    .select()
    .from(rows)
    .where(eq(rows.conversationId, p("conversationId"))),
);

/** The row written from `values`; a conflict on the conversation takes the new values. */
const upsertRow = (db: Db, { analyticsConversations: rows }: Tables, values: (key: string) => unknown) => {
  const columns = Object.entries(getTableColumns(rows));
  const row = Object.fromEntries(columns.map(([key]) => [key, values(key)])) as unknown as typeof rows.$inferInsert;
  const set: Record<string, SQL> = Object.fromEntries(
    columns
      .filter(([key]) => key !== "conversationId")
      .map(([key, column]) => [key, sql`excluded.${sql.identifier(column.name)}`]),
  );
  return db.insert(rows).values(row).onConflictDoUpdate({ target: rows.conversationId, set });
};

/** Every column of the row from the placeholder of its name. */
const saveRow = prepared((db, tables) => upsertRow(db, tables, p));

type AggregateColumn = Exclude<keyof ConversationAggregate, "conversationId">;

/** The columns a step changed in a row that is there, the path compared key by key (it only grows). */
function changedColumns(before: ConversationAggregate, after: ConversationAggregate): AggregateColumn[] {
  const changed: AggregateColumn[] = [];
  for (const key of Object.keys(after) as (keyof ConversationAggregate)[]) {
    if (key === "conversationId") continue;
    if (key === "path" ? !samePath(before.path, after.path) : before[key] !== after[key]) changed.push(key);
  }
  return changed;
}

const samePath = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * On SQLite, the update of only the columns a step changed, prepared once for each list of them (a
 * handful: a message moves the bot and counts the customer): the upsert of every column rewrote the row's
 * three covering indexes at every message, most of a step's SQLite time.
 */
const updates = new Map<string, (store: Store, db: Db, values?: Record<string, unknown>) => Promise<unknown>>();
function updateOf(changed: readonly AggregateColumn[]) {
  const key = changed.join();
  let update = updates.get(key);
  if (!update) {
    update = prepared((db, { analyticsConversations: rows }) =>
      db
        .update(rows)
        .set(Object.fromEntries(changed.map((column) => [column, p(column)])))
        .where(eq(rows.conversationId, p("conversationId"))),
    );
    updates.set(key, update);
  }
  return update;
}

const DELTA_COLUMNS = ["flowId", "flowVersion", "day", "kind", "key", "count"] as const;

/** A step's counts, appended as deltas (see `analytics_deltas`) in one statement. */
const addDeltas = preparedRows("analyticsDeltas", DELTA_COLUMNS);

/** Rows of deltas a statement of {@link groupDeltas} writes at most (six parameters each). */
const DELTAS_PER_STATEMENT = 50;

/**
 * On SQLite, the counts of all the steps of a group commit, summed by key and appended in a statement or
 * two just before the group commits, where each step appended its own: a group holds dozens of
 * conversations of the same flows, which mostly reach the same nodes. Readers of the figures between a
 * step and its group's commit miss its counts for those milliseconds; none are lost or counted twice.
 */
const groupDeltas: CommitBatch<CountIncrement> = {
  async write(store, db, counts) {
    const summed = new Map<string, CountIncrement>();
    for (const count of counts) {
      const key = `${count.flowId}\u0000${count.flowVersion}\u0000${count.day}\u0000${count.kind}\u0000${count.key}`;
      const seen = summed.get(key);
      if (seen) seen.count += count.count;
      else summed.set(key, { ...count });
    }
    const rows = [...summed.values()];
    for (let start = 0; start < rows.length; start += DELTAS_PER_STATEMENT)
      await addDeltas(store, db, rows.slice(start, start + DELTAS_PER_STATEMENT));
  },
};

/** A conversation's analytics row as stored. */
export type StoredAggregate = Tables["analyticsConversations"]["$inferSelect"];

/** The conversation's aggregate as stored: read now, or with its conversation (`facts.stored`). */
async function readAggregate(
  store: Store,
  db: Db,
  facts: { conversationId: string; stored?: StoredAggregate | null },
): Promise<ConversationAggregate | undefined> {
  const stored =
    facts.stored !== undefined
      ? facts.stored
      : (await storedRow(store, db, { conversationId: facts.conversationId }))[0];
  if (!stored) return undefined;
  const path = readJson(StringList, stored.path, {
    table: "analytics_conversations",
    column: "path",
    id: stored.conversationId,
  });
  return { ...stored, path } as ConversationAggregate;
}

/** How many conversations' aggregates a store keeps in memory (the least recently stepped go first). */
const KEPT_AGGREGATES = 20_000;

/**
 * The aggregates of the conversations stepped lately, as committed, by store: on SQLite one process
 * writes them all, here, so a step need not read back and parse the row written at the step before.
 * Only set once a step is committed (see {@link rememberStep}): a step rolled back leaves the last
 * committed aggregate, which the row is again. Never used on PostgreSQL, where other processes step.
 */
const committedAggregates = new WeakMap<Store, Map<string, ConversationAggregate>>();

/** Keeps a committed step's aggregate for the conversation's next step; a conversation that ended is let go. */
export function rememberStep(store: Store, step: RecordedStep): void {
  if (store.dialect !== "sqlite") return;
  let kept = committedAggregates.get(store);
  if (!kept) {
    kept = new Map();
    committedAggregates.set(store, kept);
  }
  const { conversationId } = step.aggregate;
  kept.delete(conversationId);
  if (step.aggregate.outcome === "contained") return;
  kept.set(conversationId, step.aggregate);
  if (kept.size > KEPT_AGGREGATES) kept.delete(kept.keys().next().value as string);
}

/**
 * Keeps the analytics of a conversation up to date with one bot step, inside the step's
 * transaction: one read of its row, one write of it, the deltas it appends; prepared once. On SQLite
 * it writes them at once; on PostgreSQL it adds them to `writes` when given, which the caller runs with
 * the rest of its step as one statement (see `writeAll`), and else writes them as one.
 * Only rows of this conversation are written, so steps of other conversations never wait for it.
 */
export async function recordStep(
  store: Store,
  db: Db,
  facts: StepFacts,
  writes?: (Write | undefined)[],
): Promise<RecordedStep> {
  const previous = facts.isNew
    ? undefined
    : (committedAggregates.get(store)?.get(facts.conversationId) ?? (await readAggregate(store, db, facts)));
  const { status } = facts;
  const folded = foldTurn(previous, {
    ...facts,
    status:
      status.type === "handoff"
        ? {
            type: "handoff",
            ruleId: status.handoff.reason.ruleId,
            ruleKind: status.handoff.reason.kind,
            flowId: status.handoff.flowId,
            nodeId: status.handoff.nodeId,
          }
        : { type: status.type },
  });
  const saved = { ...folded.aggregate, path: JSON.stringify(folded.aggregate.path) };
  if (store.dialect === "postgres") {
    // With `writes`, the caller writes these with the rest of its step, in one statement.
    const own = [saveRow.with(saved), addDeltas.write(folded.counts)];
    if (writes) writes.push(...own);
    else await writeAll(store, db, own);
  } else {
    await saveAggregate(store, db, previous, folded.aggregate, saved);
    if (store.atGroupCommit) store.atGroupCommit(groupDeltas, folded.counts);
    else if (folded.counts.length > 0) await addDeltas(store, db, folded.counts);
  }
  return { aggregate: folded.aggregate, started: folded.started, outcomeChanged: folded.outcomeChanged };
}

/**
 * Writes the row: on SQLite, only what changed when the row is there (nothing prunes these rows; one
 * deleted by hand since the step before is written whole again); else, and on PostgreSQL, every column.
 */
async function saveAggregate(
  store: Store,
  db: Db,
  previous: ConversationAggregate | undefined,
  aggregate: ConversationAggregate,
  saved: Record<string, unknown>,
): Promise<void> {
  if (store.dialect === "sqlite" && previous) {
    const changed = changedColumns(previous, aggregate);
    if (changed.length === 0) return;
    const result = (await updateOf(changed)(store, db, saved)) as { changes: number };
    if (result.changes > 0) return;
  }
  await saveRow(store, db, saved);
}

/** Counts a committed step in the Prometheus counters of containment and handoffs by rule. */
export function countStep(
  metrics: Pick<Metrics, "conversationsStarted" | "conversationsContained" | "conversationsHandedOver">,
  step: RecordedStep,
): void {
  const { aggregate } = step;
  const labels = { flow: aggregate.flowId, version: String(aggregate.flowVersion) };
  if (step.started) metrics.conversationsStarted.inc(labels);
  if (!step.outcomeChanged) return;
  if (aggregate.outcome === "contained") metrics.conversationsContained.inc(labels);
  if (aggregate.outcome === "handover") {
    metrics.conversationsHandedOver.inc({ ...labels, rule: aggregate.handoffRuleId ?? "" });
  }
}
