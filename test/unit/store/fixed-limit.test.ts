import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { drizzle as pgDrizzle } from "drizzle-orm/node-postgres";
import { describe, expect, it } from "vitest";
import { fixedLimit } from "../../../runtime/store/fixed-limit.js";
import * as pg from "../../../runtime/store/schema.pg.js";
import * as sqlite from "../../../runtime/store/schema.sqlite.js";

describe("fixedLimit", () => {
  it("writes the LIMIT into the statement on both dialects, with nothing bound for it", () => {
    const onSqlite = drizzle(new Database(":memory:"))
      .select({ id: sqlite.conversations.id })
      .from(sqlite.conversations)
      .limit(fixedLimit(1))
      .toSQL();
    expect(onSqlite).toEqual({ sql: 'select "id" from "conversations" limit 1', params: [] });
    const onPostgres = pgDrizzle
      .mock()
      .select({ id: pg.conversations.id })
      .from(pg.conversations)
      .limit(fixedLimit(3))
      .toSQL();
    expect(onPostgres).toEqual({ sql: 'select "id" from "conversations" limit 3', params: [] });
  });

  it("takes whole rows only", () => {
    const text = drizzle(new Database(":memory:"))
      .select({ id: sqlite.conversations.id })
      .from(sqlite.conversations)
      .limit(fixedLimit(2.7))
      .toSQL().sql;
    expect(text).toMatch(/ limit 2$/);
  });
});
