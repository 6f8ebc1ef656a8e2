import { sql } from "drizzle-orm";
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

/**
 * An insert of any number of rows of `table` in one statement, prepared once for each number of rows (a
 * step writes a handful): one call where a row each cost a call, the per-call work being most of a
 * small insert's cost. Each row gives a value for every one of `columns`.
 */
export function preparedRows<K extends keyof Tables, C extends keyof Tables[K]["$inferInsert"] & string>(
  table: K,
  columns: readonly C[],
): (store: Store, db: Db, rows: readonly Pick<Tables[K]["$inferInsert"], C>[]) => Promise<void> {
  const byCount = new Map<number, (store: Store, db: Db, values?: Values) => Promise<unknown>>();
  const insertOf = (count: number) =>
    prepared((db, tables) =>
      db
        .insert(tables[table])
        .values(
          Array.from(
            { length: count },
            (_, row) =>
              Object.fromEntries(columns.map((column) => [column, sql.placeholder(`${column}${row}`)])) as never,
          ),
        ),
    );
  return async (store, db, rows) => {
    if (rows.length === 0) return;
    let insert = byCount.get(rows.length);
    if (!insert) {
      insert = insertOf(rows.length);
      byCount.set(rows.length, insert);
    }
    const values: Values = {};
    rows.forEach((row, index) => {
      for (const column of columns) values[`${column}${index}`] = row[column];
    });
    await insert(store, db, values);
  };
}
