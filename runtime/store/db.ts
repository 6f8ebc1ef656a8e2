import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { Mutex } from "./mutex.js";
import * as pgTables from "./schema.pg.js";
import * as sqliteTables from "./schema.sqlite.js";

/**
 * The repository code is written once against the SQLite typing. Both schemas declare the same
 * columns with the same JS types, and only the query builder's common surface is used (awaited
 * queries, `returning`, `onConflictDoNothing`), so the PostgreSQL database and tables are handed
 * out under the same names. This file is the whole dialect split.
 */
export type Db = BetterSQLite3Database;
export type Tables = typeof sqliteTables;

export interface Store {
  dialect: "sqlite" | "postgres";
  tables: Tables;
  /** Runs `work` in one transaction: all of it is written, or none. */
  tx<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Runs reads; on SQLite they wait for the transaction in flight so they never see half of one. */
  read<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const migrations = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export async function openStore(options: {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}): Promise<Store> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.databaseSchema);
  return openSqlite(join(options.dataDir, "relais.sqlite"));
}

function openSqlite(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("synchronous = NORMAL");
  client.pragma("busy_timeout = 5000");
  const db = drizzleSqlite(client);
  migrateSqlite(db, { migrationsFolder: join(migrations, "sqlite") });
  // One connection: every access takes turns, so an open transaction is never seen half-done
  // by another request and never swallows another request's writes.
  const mutex = new Mutex();
  return {
    dialect: "sqlite",
    tables: sqliteTables,
    tx: (work) =>
      mutex.run(async () => {
        client.prepare("BEGIN IMMEDIATE").run();
        try {
          const result = await work(db);
          client.prepare("COMMIT").run();
          return result;
        } catch (error) {
          client.prepare("ROLLBACK").run();
          throw error;
        }
      }),
    read: (work) => mutex.run(() => work(db)),
    close: async () => {
      await mutex.run(async () => client.close());
    },
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Store> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`DATABASE_SCHEMA must be a plain lowercase identifier, not ${JSON.stringify(schema)}.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on("error", () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const db = drizzlePg(pool);
  await migratePg(db, { migrationsFolder: join(migrations, "pg"), migrationsSchema: schema ?? "drizzle" });
  const shared = db as unknown as Db;
  return {
    dialect: "postgres",
    tables: pgTables as unknown as Tables,
    tx: (work) => db.transaction((tx) => work(tx as unknown as Db)),
    read: (work) => work(shared),
    close: () => pool.end(),
  };
}
