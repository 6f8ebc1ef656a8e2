import { existsSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { loadConfig } from "../config.js";
import { copyStore } from "../store/copy.js";
import { openSqlite, openStore, type Store } from "../store/db.js";
import { describeFailure } from "../store/failure.js";
import type { Output } from "./commands.js";

const journal = (dialect: "sqlite" | "pg") =>
  (
    JSON.parse(readFileSync(new URL(`../store/migrations/${dialect}/meta/_journal.json`, import.meta.url), "utf8")) as {
      entries: { tag: string }[];
    }
  ).entries;

const where = (url: string, schema: string | undefined) => {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || "5432"} (database ${parsed.pathname.slice(1) || "postgres"}${schema ? `, schema ${schema}` : ""})`;
};

const failed = (error: unknown) => {
  const { code, message } = describeFailure(error);
  return code ? `${message} (${code})` : message;
};

/**
 * Brings the configured database (DATABASE_URL and DATABASE_SCHEMA, else the SQLite file of DATA_DIR)
 * to the latest schema, as a start would, and says which migration it is at.
 */
export async function migrateCommand(out: Output): Promise<number> {
  const config = loadConfig();
  const name = config.databaseUrl
    ? where(config.databaseUrl, config.databaseSchema)
    : `SQLite ${config.dataDir}/relais.sqlite`;
  let store: Store;
  try {
    store = await openStore({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      databaseSchema: config.databaseSchema,
    });
  } catch (error) {
    out.err(`Could not migrate ${name}: ${failed(error)}`);
    return 1;
  }
  try {
    const entries = journal(store.dialect === "sqlite" ? "sqlite" : "pg");
    const applied = await store.read(async (db) => {
      if (store.dialect === "sqlite") {
        const [row] = db.all<{ n: number }>(sql`SELECT count(*) AS n FROM __drizzle_migrations`);
        return row?.n ?? 0;
      }
      const migrations = sql.identifier(config.databaseSchema ?? "drizzle");
      const { rows } = await (db as unknown as NodePgDatabase).execute<{ n: string }>(
        sql`SELECT count(*) AS n FROM ${migrations}.__drizzle_migrations`,
      );
      return Number(rows[0]?.n ?? 0);
    });
    out.out(`${name}: ${applied} of ${entries.length} migrations applied, the latest ${entries.at(-1)?.tag}.`);
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * Copies an installation from its SQLite file into an empty PostgreSQL database (migrated first),
 * then checks counts and a sample of rows. The runtime must be stopped meanwhile.
 */
export async function copyCommand(
  options: { from: string; to: string; schema?: string },
  out: Output,
): Promise<number> {
  if (!existsSync(options.from)) {
    out.err(`No SQLite file at ${options.from}: give the installation's file, e.g. data/relais.sqlite.`);
    return 2;
  }
  if (!/^postgres(ql)?:\/\//.test(options.to)) {
    out.err(`--to must be a PostgreSQL URL (postgres://user@host:5432/database), not ${JSON.stringify(options.to)}.`);
    return 2;
  }
  const target = where(options.to, options.schema);
  const from = openSqlite(options.from, () => undefined);
  let to: Store;
  try {
    to = await openStore({ dataDir: "", databaseUrl: options.to, databaseSchema: options.schema });
  } catch (error) {
    await from.close();
    out.err(`Could not open ${target}: ${failed(error)}`);
    return 1;
  }
  try {
    out.out(`Copying ${options.from} into ${target}…`);
    const checked = await copyStore(from, to, (table, rows) => out.out(`  ${table}: ${rows} rows`));
    const rows = checked.reduce((sum, table) => sum + table.rows, 0);
    const sampled = checked.reduce((sum, table) => sum + table.sampled, 0);
    out.out(
      `Done: ${rows} rows in ${checked.length} tables, the same count in each; ${sampled} sampled rows found identical. Start Relais with DATABASE_URL=${options.to}${options.schema ? ` DATABASE_SCHEMA=${options.schema}` : ""}.`,
    );
    return 0;
  } catch (error) {
    out.err(`The copy into ${target} failed and wrote nothing: ${failed(error)}`);
    return 1;
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}
