import { sql } from "drizzle-orm";
import type { Store } from "../store/db.js";
import { preparedPg } from "../store/prepared.js";
import type { ReceivedInboxRow } from "../store/records.js";

/** The statement of `insertInboxShared`, built and prepared once per connection (see `preparedPg`), not at every message. */
const insertShared = preparedPg<{ id: number }>((_db, { inbox }) => {
  const column = (of: { name: string }) => sql.identifier(of.name);
  const p = sql.placeholder;
  return sql`
      with locked as (select pg_advisory_xact_lock_shared(hashtextextended(${p("key")}::text, 0)))
      insert into ${inbox} (${column(inbox.channel)}, ${column(inbox.externalId)}, ${column(inbox.flowId)},
        ${column(inbox.address)}, ${column(inbox.payload)}, ${column(inbox.receivedAt)})
      select ${p("channel")}::text, ${p("externalId")}::text, ${p("flowId")}::text, ${p("address")}::text,
        ${p("payload")}::text, ${p("receivedAt")}::bigint
      from locked
      on conflict (${column(inbox.channel)}, ${column(inbox.address)}, ${column(inbox.externalId)}) do nothing
      returning ${column(inbox.id)}`;
});

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
  values: ReceivedInboxRow,
): Promise<{ id: number } | undefined> {
  const result = await store.read((db) => insertShared(store, db, { key, ...values }));
  return result.rows[0];
}
