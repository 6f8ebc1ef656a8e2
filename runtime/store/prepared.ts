import type { Db, Store, Tables } from "./db.js";

type Values = Record<string, unknown>;
interface Preparable<R> {
  /** SQLite's builders take no name; PostgreSQL's name a server-side statement. */
  prepare(name?: string): { execute(values?: Values): R };
}

/** The server-side statements' names on PostgreSQL, one per query of the hot path. */
let statements = 0;

/**
 * A query of the hot path, built once and prepared once: on SQLite the store's one connection keeps the
 * statement, so a message no longer pays for drizzle building the SQL and SQLite parsing it again (they
 * were most of a message's CPU). Parameters are `sql.placeholder(name)`s filled by `values`. On
 * PostgreSQL the store hands out one database per pooled connection, so the query is built once per
 * connection (and once for the pool, for reads outside a transaction), and it is a named statement
 * there: each connection parses and plans it once, not at every message.
 */
export function prepared<R>(
  build: (db: Db, tables: Tables) => Preparable<R>,
): (store: Store, db: Db, values?: Values) => Promise<Awaited<R>> {
  const kept = new WeakMap<Db, { execute(values?: Values): R }>();
  const name = `relais_${++statements}`;
  return async (store, db, values): Promise<Awaited<R>> => {
    let statement = kept.get(db);
    if (!statement) {
      statement = build(db, store.tables).prepare(store.dialect === "postgres" ? name : undefined);
      kept.set(db, statement);
    }
    return (await statement.execute(values)) as Awaited<R>;
  };
}
