import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Store } from "../store/db.js";

/** An inbox row as `deliver` writes it. */
export interface InboxValues {
  channel: string;
  externalId: string;
  flowId: string;
  address: string;
  payload: string;
  receivedAt: number;
}

/**
 * On PostgreSQL, the inbox row written under the customer's lock held shared in one statement, one round
 * trip where `sharedTx` costs three (BEGIN with the lock, the insert, COMMIT): the lock is taken by the
 * statement's first step, before the row is formed and its id drawn, and held until the statement's
 * transaction commits, so a turn that takes the lock after it sees the row. Returns the new row's id, or
 * nothing when a row with the same channel, address and external id exists (the caller reads it).
 */
export async function insertInboxShared(
  store: Store,
  key: string,
  values: InboxValues,
): Promise<{ id: number } | undefined> {
  const { inbox } = store.tables;
  const column = (of: { name: string }) => sql.identifier(of.name);
  const result = await store.read((db) =>
    (db as unknown as NodePgDatabase).execute<{ id: number }>(sql`
      with locked as (select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0)))
      insert into ${inbox} (${column(inbox.channel)}, ${column(inbox.externalId)}, ${column(inbox.flowId)},
        ${column(inbox.address)}, ${column(inbox.payload)}, ${column(inbox.receivedAt)})
      select ${values.channel}::text, ${values.externalId}::text, ${values.flowId}::text, ${values.address}::text,
        ${values.payload}::text, ${values.receivedAt}::bigint
      from locked
      on conflict (${column(inbox.channel)}, ${column(inbox.address)}, ${column(inbox.externalId)}) do nothing
      returning ${column(inbox.id)}`),
  );
  return result.rows[0];
}
