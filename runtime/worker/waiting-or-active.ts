import { getTableColumns, sql } from "drizzle-orm";
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
}

/**
 * On PostgreSQL, both reads in one statement: the first waiting row (see `waitingOrSame`) as a column
 * beside the active conversation's, one round trip where there were two.
 */
const bothOnPostgres = preparedPg<Record<string, unknown>>((db, tables) => {
  const { conversations } = tables;
  return sql`select (${waitingOrSameQuery(db, tables).getSQL()} limit 1) as "waiting", ${conversations}.*
    from (select 1) as "one" left join ${conversations} on ${active(conversations)} limit 1`;
});

/** A conversation's row as drizzle reads it: columns by field name, each value mapped from the driver's. */
function conversationOf(store: Store, row: Record<string, unknown>): ConversationRow {
  const columns = Object.entries(getTableColumns(store.tables.conversations));
  return Object.fromEntries(
    columns.map(([field, column]) => {
      const value = row[column.name];
      return [field, value === null ? null : column.mapFromDriverValue(value)];
    }),
  ) as ConversationRow;
}

/** Reads, in the caller's turn, what decides whether a new message is processed at once. */
export async function waitingOrActive(
  store: Store,
  db: Db,
  message: { channel: string; flowId: string; address: string; externalId: string },
): Promise<WaitingOrActive> {
  if (store.dialect === "postgres") {
    const [row] = (await bothOnPostgres(store, db, message)).rows;
    if (!row) throw new Error("The read of waiting rows and the active conversation returned no row.");
    if (row.waiting !== null) return { waiting: true, active: [] };
    return { waiting: false, active: row.id === null ? [] : [conversationOf(store, row)] };
  }
  if ((await waitingOrSame(store, db, message)).length > 0) return { waiting: true, active: [] };
  const { channel, flowId, address } = message;
  return { waiting: false, active: await activeConversation(store, db, { channel, flowId, address }) };
}
