import { getTableName } from "drizzle-orm";
import { type PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { type SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pg from "../../../runtime/store/schema.pg.js";
import * as sqlite from "../../../runtime/store/schema.sqlite.js";

interface Shape {
  name: string;
  columns: {
    name: string;
    /** The JS type a row holds: `number` for SQLite's integer and PostgreSQL's bigint and serial alike. */
    dataType: string;
    enumValues: string[] | undefined;
    notNull: boolean;
    primary: boolean;
    unique: boolean;
    hasDefault: boolean;
  }[];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  primaryKeys: string[][];
  foreignKeys: { columns: string[]; table: string; foreignColumns: string[] }[];
}

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** What both dialects must say alike: tables, columns (names, JS types, enums, nullability, defaults), keys and indexes. */
function shape(config: Config): Shape {
  return {
    name: config.name,
    columns: config.columns
      .map((column) => ({
        name: column.name,
        dataType: column.dataType,
        enumValues: column.enumValues,
        notNull: column.notNull,
        primary: column.primary,
        unique: column.isUnique,
        hasDefault: column.hasDefault,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    indexes: config.indexes
      .map((index) => ({
        name: index.config.name ?? "",
        columns: index.config.columns.map((column) => ("name" in column ? String(column.name) : "?")),
        unique: index.config.unique,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          columns: reference.columns.map((column) => column.name),
          table: getTableName(reference.foreignTable),
          foreignColumns: reference.foreignColumns.map((column) => column.name),
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

const isTable = (value: unknown) =>
  typeof value === "object" && value !== null && Symbol.for("drizzle:IsDrizzleTable") in value;

function tablesOf(module: Record<string, unknown>, config: (table: never) => Config): Record<string, Shape> {
  return Object.fromEntries(
    Object.entries(module)
      .filter(([, value]) => isTable(value))
      .map(([key, table]) => [key, shape(config(table as never))]),
  );
}

describe("the SQLite and PostgreSQL schemas", () => {
  it("describe the same tables, columns, keys, foreign keys and indexes", () => {
    const sqliteTables = tablesOf(sqlite, (table: SQLiteTable) => sqliteTableConfig(table));
    const pgTables = tablesOf(pg, (table: PgTable) => pgTableConfig(table));
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(10);
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    for (const [key, table] of Object.entries(sqliteTables)) {
      expect({ table: key, ...pgTables[key] }).toEqual({ table: key, ...table });
    }
  });
});
