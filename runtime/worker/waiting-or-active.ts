import { getTableColumns, sql, type Table } from "drizzle-orm";
import type { StoredAggregate } from "../analytics/record.js";
import { active, activeConversation, waitingOrSame, waitingOrSameQuery } from "../conversation/step-queries.js";
import type { Db, Store } from "../store/db.js";
import { preparedPg } from "../store/prepared.js";
import type { ConversationRow } from "../store/records.js";

/** Whether a row keeps a new message waiting, and else the conversation it goes to. */
export interface WaitingOrActive {
  /** An earlier message of the address not processed yet, or this message already received. */
  waiting: boolean;
  /** The address's conversation not closed, if any (read only when nothing is waiting). */
  active: ConversationRow[];
  /**
   * On PostgreSQL, that conversation's analytics row, read with it (null: it has none), which its step
   * then need not read again; on SQLite the step has it in memory.
   */
  aggregate?: StoredAggregate | null;
}

/**
 * On PostgreSQL, the reads in one statement: the first waiting row (see `waitingOrSame`) as a column
 * beside the active conversation's, and its analytics row as one JSON column, one round trip where
 * there were three.
 */
const allOnPostgres = preparedPg<Record<string, unknown>>((db, tables) => {
  const { conversations, analyticsConversations } = tables;
  return sql`select (${waitingOrSameQuery(db, tables).getSQL()} limit 1) as "waiting", ${conversations}.*,
      case when "aggregate"."conversation_id" is null then null else to_jsonb("aggregate") end as "relais_aggregate"
    from (select 1) as "one" left join ${conversations} on ${active(conversations)}
      left join ${analyticsConversations} as "aggregate" on "aggregate"."conversation_id" = ${conversations.id}
    limit 1`;
});

/** A table's row as drizzle reads it: columns by field name, each value mapped from the driver's. */
function rowOf<T>(table: Table, row: Record<string, unknown>): T {
  return Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([field, column]) => {
      const value = row[column.name];
      return [field, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
    }),
  ) as T;
}

/** Reads, in the caller's turn, what decides whether a new message is processed at once. */
export async function waitingOrActive(
  store: Store,
  db: Db,
  message: { channel: string; flowId: string; address: string; externalId: string },
): Promise<WaitingOrActive> {
  if (store.dialect === "postgres") {
    const [row] = (await allOnPostgres(store, db, message)).rows;
    if (!row) throw new Error("The read of waiting rows and the active conversation returned no row.");
    if (row.waiting !== null) return { waiting: true, active: [] };
    if (row.id === null) return { waiting: false, active: [] };
    const { conversations, analyticsConversations } = store.tables;
    const stored = row.relais_aggregate as Record<string, unknown> | null;
    return {
      waiting: false,
      active: [rowOf<ConversationRow>(conversations, row)],
      aggregate: stored === null ? null : rowOf<StoredAggregate>(analyticsConversations, stored),
    };
  }
  if ((await waitingOrSame(store, db, message)).length > 0) return { waiting: true, active: [] };
  const { channel, flowId, address } = message;
  return { waiting: false, active: await activeConversation(store, db, { channel, flowId, address }) };
}
