import { type Placeholder, type SQL, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
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

/**
 * The name of a column's placeholder in a multi-row statement (`flowId0`, `flowId1`…), made once: a
 * name written out at every call was a new string to hash for every value of every row.
 */
const namesByColumn = new Map<string, string[]>();
function placeholderName(column: string, row: number): string {
  let names = namesByColumn.get(column);
  if (!names) {
    names = [];
    namesByColumn.set(column, names);
  }
  names[row] ??= `${column}${row}`;
  return names[row];
}

/** Each of `count` rows' columns as a placeholder named after the column and the row (`flowId0`, `flowId1`…). */
export function rowPlaceholders(columns: readonly string[], count: number): Record<string, Placeholder>[] {
  return Array.from({ length: count }, (_, row) =>
    Object.fromEntries(columns.map((column) => [column, sql.placeholder(placeholderName(column, row))])),
  );
}

/** The values of {@link rowPlaceholders} for `rows`. */
export function rowValues<R>(columns: readonly (keyof R & string)[], rows: readonly R[]): Values {
  const values: Values = {};
  for (let row = 0; row < rows.length; row++) {
    const each = rows[row] as R;
    for (const column of columns) values[placeholderName(column, row)] = each[column];
  }
  return values;
}

/**
 * An insert of any number of rows of `table` in one statement, prepared once for each number of rows (a
 * step writes a handful): one call where a row each cost a call, the per-call work being most of a
 * small insert's cost. Each row gives a value for every one of `columns`. With `onConflict`, a row whose
 * `target` is already there is updated with `set` instead.
 */
export function preparedRows<K extends keyof Tables, C extends keyof Tables[K]["$inferInsert"] & string>(
  table: K,
  columns: readonly C[],
  onConflict?: { target: C; set: (table: Tables[K]) => Record<string, SQL> },
): (store: Store, db: Db, rows: readonly Pick<Tables[K]["$inferInsert"], C>[]) => Promise<void> {
  const byCount = new Map<number, (store: Store, db: Db, values?: Values) => Promise<unknown>>();
  const insertOf = (count: number) =>
    prepared((db, tables) => {
      const insert = db.insert(tables[table]).values(rowPlaceholders(columns, count) as never);
      if (!onConflict) return insert;
      const target = (tables[table] as unknown as Record<C, never>)[onConflict.target];
      return insert.onConflictDoUpdate({ target, set: onConflict.set(tables[table]) });
    });
  return async (store, db, rows) => {
    if (rows.length === 0) return;
    let insert = byCount.get(rows.length);
    if (!insert) {
      insert = insertOf(rows.length);
      byCount.set(rows.length, insert);
    }
    await insert(store, db, rowValues(columns, rows));
  };
}

/** Turns `sql` into text and parameters the way the PostgreSQL database does; it keeps no state. */
const pgDialect = new PgDialect();

/**
 * On PostgreSQL, a statement the query builders cannot prepare (two writes in one `with`, a lock taken
 * in a `with`), written as `sql` with `sql.placeholder`s: built once and prepared once per connection
 * like {@link prepared}'s, where `db.execute` would build it again at every call (drizzle walking the
 * whole statement's parts, most of a message's CPU on PostgreSQL) and the server would parse and plan it
 * again. Resolves to the driver's result, rows keyed by column name.
 */
export function preparedPg<Row>(
  build: (db: Db, tables: Tables) => SQL,
): (store: Store, db: Db, values?: Values) => Promise<{ rows: Row[] }> {
  return prepared((db, tables) => ({
    prepare: (name) =>
      (db as unknown as NodePgDatabase)._.session.prepareQuery<{
        execute: { rows: Row[] };
        all: unknown;
        values: unknown;
      }>(pgDialect.sqlToQuery(build(db, tables)), undefined, name, false),
  }));
}
