import { and, count, eq, getTableColumns, getTableName, is, isNull, type SQL, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db, Store } from "./db.js";
import * as pgTables from "./schema.pg.js";
import * as sqliteTables from "./schema.sqlite.js";

/** Rows read and written at a time. */
const BATCH = 500;
/** Rows per table looked up in the target, spread over the table, after the copy. */
const SAMPLE = 25;

export interface TableCopied {
  table: string;
  rows: number;
  /** Source rows found in the target with every value the same. */
  sampled: number;
}

type TablePair = { name: string; sqlite: SQLiteTable; pg: PgTable };

/**
 * Every table of the schema, as SQLite and as PostgreSQL declare it, each after the tables its
 * foreign keys point at: copied in this order, every row it refers to is already there.
 */
function tablePairs(): TablePair[] {
  const byName = new Map<string, TablePair>();
  for (const [name, table] of Object.entries(sqliteTables)) {
    const pg = (pgTables as Record<string, unknown>)[name];
    if (is(table, SQLiteTable) && is(pg, PgTable))
      byName.set(getTableName(table), { name: getTableName(table), sqlite: table, pg });
  }
  const ordered: TablePair[] = [];
  const visit = (pair: TablePair) => {
    if (ordered.includes(pair)) return;
    for (const key of getTableConfig(pair.pg).foreignKeys) {
      const target = byName.get(getTableName(key.reference().foreignTable));
      if (target && target !== pair) visit(target);
    }
    ordered.push(pair);
  };
  for (const pair of byName.values()) visit(pair);
  return ordered;
}

const rowsOf = (db: Db, table: SQLiteTable, offset: number, limit: number) =>
  db.select().from(table).orderBy(sql`rowid`).limit(limit).offset(offset) as Promise<Record<string, unknown>[]>;

const countOf = async (db: Db, table: SQLiteTable | PgTable) => {
  const [row] = await db.select({ n: count() }).from(table as SQLiteTable);
  return row?.n ?? 0;
};

/**
 * Copies a SQLite installation into an empty PostgreSQL one, history included, in one PostgreSQL
 * transaction: all of it or nothing. Ids are kept (so references between rows hold) and each serial
 * column's sequence is moved past the highest id copied. Then it checks: the same row count in each
 * table, and a sample of rows from each found in the target with every value the same.
 */
export async function copyStore(
  from: Store,
  to: Store,
  progress: (table: string, rows: number) => void,
): Promise<TableCopied[]> {
  if (from.dialect !== "sqlite" || to.dialect !== "postgres") {
    throw new Error("The copy goes from a SQLite file to a PostgreSQL database.");
  }
  const pairs = tablePairs();
  for (const { name, pg } of pairs) {
    const held = await to.read((db) => countOf(db, pg));
    if (held > 0) {
      throw new Error(
        `The target already holds rows (${held} in ${name}): copy into an empty database or a new DATABASE_SCHEMA, never over an installation.`,
      );
    }
  }
  await to.tx(async (db) => {
    for (const { name, sqlite, pg } of pairs) {
      let copied = 0;
      for (;;) {
        const rows = await from.read((source) => rowsOf(source, sqlite, copied, BATCH));
        if (rows.length === 0) break;
        await db.insert(pg as unknown as SQLiteTable).values(rows);
        copied += rows.length;
      }
      for (const column of getTableConfig(pg).columns) {
        if (column.columnType !== "PgSerial") continue;
        await (db as unknown as NodePgDatabase).execute(
          sql`SELECT setval(pg_get_serial_sequence(${name}, ${column.name}), (SELECT coalesce(max(${sql.identifier(column.name)}), 0) + 1 FROM ${sql.identifier(name)}), false)`,
        );
      }
      progress(name, copied);
    }
  });
  const checked: TableCopied[] = [];
  for (const { name, sqlite, pg } of pairs) {
    const rows = await from.read((db) => countOf(db, sqlite));
    const copied = await to.read((db) => countOf(db, pg));
    if (copied !== rows) throw new Error(`Table ${name}: ${rows} rows in the SQLite file, ${copied} in PostgreSQL.`);
    const columns = getTableColumns(pg);
    let sampled = 0;
    for (let i = 0; i < Math.min(SAMPLE, rows); i++) {
      const [row] = await from.read((db) => rowsOf(db, sqlite, Math.floor((i * rows) / Math.min(SAMPLE, rows)), 1));
      if (!row) continue;
      const same: SQL[] = Object.entries(row).map(([key, value]) => {
        const column = columns[key];
        if (!column) throw new Error(`Table ${name}: the column ${key} has no PostgreSQL counterpart.`);
        return value === null ? isNull(column) : eq(column, value);
      });
      const [found] = await to.read((db) =>
        db
          .select({ n: count() })
          .from(pg as unknown as SQLiteTable)
          .where(and(...same)),
      );
      if (!found || found.n === 0) {
        throw new Error(
          `Table ${name}: the row at position ${i} of the sample is not in PostgreSQL as it is in the SQLite file.`,
        );
      }
      sampled++;
    }
    checked.push({ table: name, rows, sampled });
  }
  return checked;
}
