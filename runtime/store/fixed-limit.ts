import { sql } from "drizzle-orm";

/**
 * A LIMIT written into the statement rather than bound to it. SQLite, built with STAT4 as better-sqlite3
 * is, plans with the value of a bound LIMIT, so binding it marks the statement stale and SQLite prepares it
 * again at every run: the read of a customer's conversation took 60-100 µs instead of 5-20. drizzle binds a
 * number given to `.limit()`; an SQL fragment it writes as it is.
 */
export const fixedLimit = (rows: number): number => sql.raw(String(Math.trunc(rows))) as unknown as number;
