import { rmSync } from "node:fs";
import { join } from "node:path";
import { eq, max, ne } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { SearchIndexer } from "../../runtime/queue/search-index.js";
import { openStore, type Store } from "../../runtime/store/db.js";
import { build, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_search_mark");
/** An index of its own: the other test leaves the catch-up's mark past the conversations copied here. */
const rebuildSchema = freshSchema("relais_search_rebuild");
/** More transcript lines than a catch-up looks back over beyond its documents' newest. */
const LINES_AFTER = 250;
/** More documents than a background run rebuilds. */
const OLD_DOCUMENTS = 230;

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("the search index's catch-ups on %s", (database, env) => {
  const dirs: string[] = [];
  const stores: Store[] = [];

  afterAll(async () => {
    for (const store of stores) await store.close();
    if (database === "PostgreSQL") {
      await dropSchema(schema);
      await dropSchema(rebuildSchema);
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("take up a change of status from where the last one stopped, in another process, after documents moved past it", async () => {
    if (database === "PostgreSQL") await requirePostgres();
    const built = await build(env);
    const { dir } = built;
    dirs.push(dir);
    const ids: string[] = [];
    for (const from of ["+33600000011", "+33600000012"]) {
      const answer = await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
      expect(answer.statusCode, answer.body).toBe(200);
      ids.push((answer.json() as { conversationId: string }).conversationId);
    }
    const [changedAlone, talking] = ids as [string, string];
    await built.app.close();

    // A process of its own on the same data, no app around it, so that no timer catches up meanwhile.
    const store = await openStore({ dataDir: join(dir, "data"), ...databaseOptions(env) });
    stores.push(store);
    const { conversations, conversationSearch, messages } = store.tables;
    await new SearchIndexer(store).catchUp();
    const statusOf = async (id: string) => {
      const [doc] = await store.read((db) =>
        db
          .select({ status: conversationSearch.status })
          .from(conversationSearch)
          .where(eq(conversationSearch.conversationId, id)),
      );
      return doc?.status;
    };
    expect(await statusOf(changedAlone)).not.toBe("closed");

    // One conversation is closed by an agent, a change no transcript line shows...
    const now = Date.now();
    await store.tx((db) =>
      db
        .update(conversations)
        .set({ status: "closed", updatedAt: now + 1_000 })
        .where(eq(conversations.id, changedAlone)),
    );
    // ...and another process indexes a conversation that went on talking, changed later: the documents'
    // newest change and newest line are now past the close, which that process's catch-up had not reached.
    await store.tx(async (db) => {
      const lines = Array.from({ length: LINES_AFTER }, (_, n) => ({
        conversationId: talking,
        role: "customer" as const,
        text: `message ${n}`,
        at: now + 60_000,
      }));
      await db.insert(messages).values(lines);
      await db
        .update(conversations)
        .set({ updatedAt: now + 60_000 })
        .where(eq(conversations.id, talking));
    });
    const [newest] = await store.read((db) => db.select({ id: max(messages.id) }).from(messages));
    await store.tx((db) =>
      db
        .update(conversationSearch)
        .set({ conversationUpdatedAt: now + 60_000, lastMessageId: Number(newest?.id) })
        .where(eq(conversationSearch.conversationId, talking)),
    );

    // The next catch-up, in a process that never ran one, finds the close.
    await new SearchIndexer(store).catchUp();
    expect(await statusOf(changedAlone)).toBe("closed");
  });

  it("rebuild an index of an older version in the background, the newest documents first, a few hundred a run", async () => {
    if (database === "PostgreSQL") await requirePostgres();
    const own = database === "PostgreSQL" ? { ...env, DATABASE_SCHEMA: rebuildSchema } : env;
    const built = await build(own);
    const { dir } = built;
    dirs.push(dir);
    const answer = await send(built.app, {
      flowId: "escalate",
      from: "+33600000021",
      messageId: "r-1",
      text: "Bonjour",
    });
    expect(answer.statusCode, answer.body).toBe(200);
    await built.app.close();

    const store = await openStore({ dataDir: join(dir, "data"), ...databaseOptions(own) });
    stores.push(store);
    const { conversations, conversationSearch, searchCatchUp } = store.tables;
    const [template] = await store.read((db) => db.select().from(conversations));
    if (!template) throw new Error("no conversation written");
    await store.tx((db) =>
      db
        .insert(conversations)
        .values(
          Array.from({ length: OLD_DOCUMENTS - 1 }, (_, n) => ({ ...template, id: `old-${n}`, updatedAt: Date.now() })),
        ),
    );
    const indexer = new SearchIndexer(store);
    await indexer.catchUp();
    // As a version before left them: documents of its own format, and no format recorded.
    await store.tx(async (db) => {
      await db.update(conversationSearch).set({ body: "old" });
      await db.delete(searchCatchUp).where(ne(searchCatchUp.mark, "changes"));
    });
    const idsWhereBody = async (is: typeof eq | typeof ne) => {
      const rows = await store.read((db) =>
        db.select({ id: conversationSearch.id }).from(conversationSearch).where(is(conversationSearch.body, "old")),
      );
      return rows.map((row) => row.id);
    };

    // A search's catch-up leaves them: it waits for what it needs alone.
    expect(await indexer.catchUp()).toBe(0);
    expect((await idsWhereBody(eq)).length).toBe(OLD_DOCUMENTS);
    // Each background run rebuilds some, the newest first, and the next takes up below them.
    expect(await indexer.catchUpSoon()).toBe(200);
    expect((await idsWhereBody(eq)).length).toBe(OLD_DOCUMENTS - 200);
    expect(Math.max(...(await idsWhereBody(eq)))).toBeLessThan(Math.min(...(await idsWhereBody(ne))));
    expect(await indexer.catchUpSoon()).toBe(OLD_DOCUMENTS - 200);
    expect((await idsWhereBody(eq)).length).toBe(0);
    expect(await indexer.catchUpSoon()).toBe(0);
    await indexer.stop();
  });
});

function databaseOptions(env: { DATABASE_URL?: string; DATABASE_SCHEMA?: string }) {
  return env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, databaseSchema: env.DATABASE_SCHEMA } : {};
}
