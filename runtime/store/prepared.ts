import type { Db, Store, Tables } from "./db.js";

type Values = Record<string, unknown>;
interface Preparable<R> {
  prepare(): { execute(values?: Values): R };
}

/**
 * A query of the hot path, built once and prepared once: on SQLite the store's one connection keeps the
 * statement, so a message no longer pays for drizzle building the SQL and SQLite parsing it again (they
 * were most of a message's CPU). Parameters are `sql.placeholder(name)`s filled by `values`. On
 * PostgreSQL each transaction is a connection of its own, so the query is built for the one at hand.
 */
export function prepared<R>(
  build: (db: Db, tables: Tables) => Preparable<R>,
): (store: Store, db: Db, values?: Values) => Promise<Awaited<R>> {
  const kept = new WeakMap<Db, { execute(values?: Values): R }>();
  return async (store, db, values): Promise<Awaited<R>> => {
    if (store.dialect !== "sqlite") return (await build(db, store.tables).prepare().execute(values)) as Awaited<R>;
    let statement = kept.get(db);
    if (!statement) {
      statement = build(db, store.tables).prepare();
      kept.set(db, statement);
    }
    return (await statement.execute(values)) as Awaited<R>;
  };
}
