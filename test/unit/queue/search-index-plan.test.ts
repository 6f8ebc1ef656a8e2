import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationsWrittenSince } from "../../../runtime/queue/search-index.js";
import { openSqlite, type Store } from "../../../runtime/store/db.js";

/** How SQLite reads the lines written since the index last looked, on a real file with a history. */
describe("the search index's read of what was written since", () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-index-plan-"));
    store = openSqlite(join(dir, "relais.sqlite"), () => undefined);
    const { messages } = store.tables;
    const lines = Array.from({ length: 3_000 }, (_, i) => ({
      conversationId: `c-${i % 300}`,
      role: "customer" as const,
      text: `ligne ${i}`,
      at: i,
    }));
    for (let from = 0; from < lines.length; from += 500) {
      await store.tx((db) => db.insert(messages).values(lines.slice(from, from + 500)));
    }
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the range of ids after the mark, not every line of the history", async () => {
    // Planned with its parameter bound, as the index runs it (SQLite may plan otherwise for a literal).
    const query = await store.read(async (db) => conversationsWrittenSince(store, db, 2_900).toSQL());
    const file = new Database(join(dir, "relais.sqlite"), { readonly: true });
    const plan = file.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[];
    file.close();
    const steps = plan.map((step) => step.detail);
    expect(
      steps.some((step) => /^SEARCH messages USING INTEGER PRIMARY KEY \(rowid>\?\)/.test(step)),
      steps.join("\n"),
    ).toBe(true);
    expect(
      steps.some((step) => step.startsWith("SCAN messages")),
      steps.join("\n"),
    ).toBe(false);
  });

  it("names each conversation written since, with its newest line, the least recently written first", async () => {
    const rows = await store.read((db) => conversationsWrittenSince(store, db, 2_990));
    expect(rows.map((row) => [row.id, Number(row.last)])).toEqual(
      Array.from({ length: 10 }, (_, k) => [`c-${(2_990 + k) % 300}`, 2_991 + k]),
    );
  });
});
