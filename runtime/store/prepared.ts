import { is, Param, Placeholder, type Query, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db, Store, Tables } from "./db.js";

type Values = Record<string, unknown>;
export interface Preparable<R> {
  /** SQLite's builders take no name; PostgreSQL's name a server-side statement. */
  prepare(name?: string): { execute(values?: Values): R };
}

/** A query of the hot path (see {@link prepared}), run with the values of its placeholders. */
export interface PreparedQuery<R> {
  (store: Store, db: Db, values?: Values): Promise<Awaited<R>>;
  /** Tells the query from the others in a statement of several writes (see `writeAll`). */
  readonly key: string;
  /** The query as SQL, its placeholders unfilled, for a statement of several writes. */
  readonly sqlOf: (db: Db, tables: Tables) => SQL;
  /** The query with `values`, to run among a transaction's writes (see `writeAll`). */
  with(values?: Values): Write;
}

/** A write of a transaction whose result nobody reads: run on its own or with others (see `writeAll`). */
export interface Write {
  query: PreparedQuery<unknown>;
  values?: Values;
}

/** The server-side statements' names on PostgreSQL, one per query of the hot path. */
let statements = 0;

/** `run`, held once prepared for each database it runs on. */
function preparedOn<R>(prepare: (store: Store, db: Db, name: string) => { execute(values?: Values): R }) {
  const kept = new WeakMap<Db, { execute(values?: Values): R }>();
  const name = `relais_${++statements}`;
  const run = async (store: Store, db: Db, values?: Values): Promise<Awaited<R>> => {
    let statement = kept.get(db);
    if (!statement) {
      statement = prepare(store, db, name);
      kept.set(db, statement);
    }
    return (await statement.execute(values)) as Awaited<R>;
  };
  return { name, run };
}

/**
 * A query of the hot path, built once and prepared once: on SQLite the store's one connection keeps the
 * statement, so a message no longer pays for drizzle building the SQL and SQLite parsing it again (they
 * were most of a message's CPU). Parameters are `sql.placeholder(name)`s filled by `values`. On
 * PostgreSQL the store hands out one database per pooled connection, so the query is built once per
 * connection (and once for the pool, for reads outside a transaction), and it is a named statement
 * there: each connection parses and plans it once, not at every message.
 */
export function prepared<R>(build: (db: Db, tables: Tables) => Preparable<R> & SQLWrapper): PreparedQuery<R> {
  const { name, run } = preparedOn((store, db, name) =>
    build(db, store.tables).prepare(store.dialect === "postgres" ? name : undefined),
  );
  return withWrites(run, name, (db, tables) => build(db, tables).getSQL());
}

/** `run` with what a statement of several writes needs of it (see {@link PreparedQuery}). */
function withWrites<R>(
  run: (store: Store, db: Db, values?: Values) => Promise<Awaited<R>>,
  key: string,
  sqlOf: (db: Db, tables: Tables) => SQL,
): PreparedQuery<R> {
  const query: PreparedQuery<R> = Object.assign(run, {
    key,
    sqlOf,
    with: (values?: Values): Write => ({ query: query as PreparedQuery<unknown>, values }),
  });
  return query;
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
): PreparedRows<Pick<Tables[K]["$inferInsert"], C>> {
  const byCount = new Map<number, PreparedQuery<unknown>>();
  const insertOf = (count: number) => {
    let insert = byCount.get(count);
    if (!insert) {
      insert = prepared((db, tables) => {
        const rows = db.insert(tables[table]).values(rowPlaceholders(columns, count) as never);
        if (!onConflict) return rows;
        const target = (tables[table] as unknown as Record<C, never>)[onConflict.target];
        return rows.onConflictDoUpdate({ target, set: onConflict.set(tables[table]) });
      });
      byCount.set(count, insert);
    }
    return insert;
  };
  const write = (rows: readonly Pick<Tables[K]["$inferInsert"], C>[]) =>
    rows.length === 0 ? undefined : insertOf(rows.length).with(rowValues(columns, rows));
  return Object.assign(
    async (store: Store, db: Db, rows: readonly Pick<Tables[K]["$inferInsert"], C>[]) => {
      const insert = write(rows);
      if (insert) await insert.query(store, db, insert.values);
    },
    { write },
  );
}

/** Rows inserted in one statement (see {@link preparedRows}). */
export interface PreparedRows<Row> {
  (store: Store, db: Db, rows: readonly Row[]): Promise<void>;
  /** The insert of `rows` as a write among others (see `writeAll`); none for no rows. */
  write(rows: readonly Row[]): Write | undefined;
}

/** Turns `sql` into text and parameters the way the PostgreSQL database does; it keeps no state. */
const pgDialect = new PgDialect();

/** `query` prepared under `name` on a PostgreSQL connection: parsed and planned there once. */
const preparePg = <Row>(db: Db, query: Query, name: string) =>
  (db as unknown as NodePgDatabase)._.session.prepareQuery<{
    execute: { rows: Row[] };
    all: unknown;
    values: unknown;
  }>(query, undefined, name, false);

/**
 * On PostgreSQL, a statement the query builders cannot prepare (a lock taken in a `with`, a union read
 * with a join), written as `sql` with `sql.placeholder`s: built once and prepared once per connection
 * like {@link prepared}'s, where `db.execute` would build it again at every call (drizzle walking the
 * whole statement's parts, most of a message's CPU on PostgreSQL) and the server would parse and plan it
 * again. Resolves to the driver's result, rows keyed by column name.
 */
export function preparedPg<Row>(build: (db: Db, tables: Tables) => SQL): PreparedQuery<{ rows: Row[] }> {
  const { name, run } = preparedOn((store, db, name) =>
    preparePg<Row>(db, pgDialect.sqlToQuery(build(db, store.tables)), name),
  );
  return withWrites(run, name, build);
}

/** The statements of several writes together, by the keys of their queries in order. */
const together = new Map<string, (store: Store, db: Db, values?: Values) => Promise<unknown>>();

/**
 * Runs a transaction's writes, in order. On PostgreSQL they go as one statement, one round trip: each
 * but the last in a `with` (PostgreSQL runs every one, and their foreign keys are checked once the
 * statement ends), built and prepared once per list of queries. A step wrote its conversation, its
 * transcript lines, its analytics row and deltas and its inbox row's answer in four round trips, each
 * costing the process more CPU than the statement itself. Writes must touch different rows: one
 * statement cannot change a row twice. On SQLite, where a statement is a function call, one at a time.
 */
export async function writeAll(store: Store, db: Db, writes: readonly (Write | undefined)[]): Promise<void> {
  const present = writes.filter((write) => write !== undefined);
  if (store.dialect !== "postgres" || present.length === 1) {
    for (const write of present) await write.query(store, db, write.values);
    return;
  }
  if (present.length === 0) return;
  const key = present.map((write) => write.query.key).join(" ");
  let statement = together.get(key);
  if (!statement) {
    const queries = present.map((write) => write.query);
    statement = preparedOn((store, db, name) => preparePg(db, oneStatement(db, store.tables, queries), name)).run;
    together.set(key, statement);
  }
  const values: Values = {};
  present.forEach((write, index) => {
    for (const name in write.values) values[renamedPlaceholder(index, name)] = write.values[name];
  });
  await statement(store, db, values);
}

/** Placeholder names as renamed by {@link oneStatement}, made once, like {@link placeholderName}'s. */
const renamedNames: Map<string, string>[] = [];
function renamedPlaceholder(index: number, name: string): string {
  let names = renamedNames[index];
  if (!names) {
    names = new Map();
    renamedNames[index] = names;
  }
  let renamed = names.get(name);
  if (renamed === undefined) {
    renamed = `w${index}_${name}`;
    names.set(name, renamed);
  }
  return renamed;
}

/** A parameter, its placeholder (bare, or in a value that a column encodes) renamed after the write's place. */
function renamed(param: unknown, index: number): unknown {
  if (is(param, Placeholder)) return sql.placeholder(renamedPlaceholder(index, param.name));
  if (is(param, Param) && is(param.value, Placeholder))
    return new Param(sql.placeholder(renamedPlaceholder(index, param.value.name)), param.encoder);
  return param;
}

/** The queries as one statement, each query's placeholders renamed after its place (`w0_id`, `w1_id`…). */
function oneStatement(db: Db, tables: Tables, queries: readonly PreparedQuery<unknown>[]): Query {
  const params: unknown[] = [];
  const parts = queries.map((query, index) => {
    const { sql: text, params: own } = pgDialect.sqlToQuery(query.sqlOf(db, tables));
    const offset = params.length;
    for (const param of own) params.push(renamed(param, index));
    return text.replace(/\$(\d+)/g, (_, position: string) => `$${Number(position) + offset}`);
  });
  const last = parts.pop() as string;
  return { sql: `with ${parts.map((part, index) => `w${index} as (${part})`).join(", ")} ${last}`, params };
}
