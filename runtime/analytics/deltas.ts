import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Store } from "../store/db.js";

/** Deltas folded per transaction: a fold holds SQLite's one connection only briefly. */
export const FOLD_BATCH = 5000;

/** The advisory lock that lets one process at a time fold on PostgreSQL. */
const FOLD_LOCK = "relais:analytics-fold";

/**
 * Adds one batch of `analytics_deltas`, oldest first, into `analytics_counts` and deletes them, in one
 * transaction: a read sees each increment either as a delta or in the counts, never both or neither.
 * Returns how many deltas it folded; 0 when there were none, or when another process is folding.
 */
export async function foldDeltas(store: Store): Promise<number> {
  return store.dialect === "sqlite" ? foldOnSqlite(store) : foldOnPostgres(store);
}

/** Folds until fewer than a batch are left; returns how many deltas it folded in all. */
export async function foldAllDeltas(store: Store): Promise<number> {
  let total = 0;
  for (;;) {
    const folded = await foldDeltas(store);
    total += folded;
    if (folded < FOLD_BATCH) return total;
  }
}

/** One connection, one writer: the batch is the deltas up to an id, and nothing else writes meanwhile. */
function foldOnSqlite(store: Store): Promise<number> {
  return store.tx(async (db) => {
    const last = await db.get<{ last: number | null }>(
      sql`select max(id) as last from (select id from analytics_deltas order by id limit ${FOLD_BATCH})`,
    );
    if (last?.last === null || last?.last === undefined) return 0;
    // `where` before `on conflict`: SQLite reads an upsert of a select only with one.
    await db.run(sql`
      insert into analytics_counts (flow_id, flow_version, day, kind, key, count)
      select flow_id, flow_version, day, kind, key, sum(count) from analytics_deltas where id <= ${last.last}
      group by flow_id, flow_version, day, kind, key
      on conflict (flow_id, flow_version, day, kind, key) do update set count = analytics_counts.count + excluded.count`);
    const deleted = await db.run(sql`delete from analytics_deltas where id <= ${last.last}`);
    return deleted.changes;
  });
}

/**
 * Deltas of transactions not committed yet are not seen, and stay for the next fold; the deltas folded
 * are exactly those deleted. The advisory lock keeps two processes from upserting the same counts at
 * once (they would wait on each other, or deadlock); SKIP LOCKED keeps a fold from waiting on rows
 * anyone holds.
 */
function foldOnPostgres(store: Store): Promise<number> {
  return store.tx(async (tx) => {
    const db = tx as unknown as NodePgDatabase;
    const lock = await db.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(hashtextextended(${FOLD_LOCK}, 0)) as locked`,
    );
    if (!lock.rows[0]?.locked) return 0;
    const folded = await db.execute<{ folded: number }>(sql`
      with gone as (
        delete from analytics_deltas where id in (
          select id from analytics_deltas order by id limit ${FOLD_BATCH} for update skip locked
        )
        returning flow_id, flow_version, day, kind, key, count
      ), added as (
        insert into analytics_counts (flow_id, flow_version, day, kind, key, count)
        select flow_id, flow_version, day, kind, key, sum(count) from gone
        group by flow_id, flow_version, day, kind, key
        order by flow_id, flow_version, day, kind, key
        on conflict (flow_id, flow_version, day, kind, key) do update set count = analytics_counts.count + excluded.count
        returning 1
      )
      select cast(count(*) as integer) as folded from gone`);
    return Number(folded.rows[0]?.folded ?? 0);
  });
}
