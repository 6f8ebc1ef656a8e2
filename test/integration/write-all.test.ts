import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Q from "../../runtime/conversation/step-queries.js";
import { openStore, type Store } from "../../runtime/store/db.js";
import { writeAll } from "../../runtime/store/prepared.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const dialects = [
  { name: "SQLite", databaseUrl: undefined, databaseSchema: undefined },
  { name: "PostgreSQL", databaseUrl: POSTGRES_URL, databaseSchema: freshSchema("relais_write_all") },
];

const NOW = Date.parse("2026-11-30T09:00:00Z");

const conversation = (id: string, state: string) => ({
  id,
  channel: "rest",
  address: `address-${id}`,
  flowId: "triage",
  flowVersion: 1,
  pinned: "{}",
  state,
  status: "bot",
  now: NOW,
});

const answered = (externalId: string, conversationId: string) => ({
  channel: "rest",
  externalId,
  flowId: "triage",
  address: `address-${conversationId}`,
  payload: "{}",
  receivedAt: NOW,
  now: NOW + 1,
  conversationId,
  result: `{"answer":"${externalId}"}`,
});

/** Statements sent to PostgreSQL by this process while `work` runs. */
async function statementsDuring(work: () => Promise<void>): Promise<number> {
  const query = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return count;
}

describe.each(dialects)("a transaction's writes run together, on $name", ({ name, databaseUrl, databaseSchema }) => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    if (databaseUrl) await requirePostgres();
    dir = mkdtempSync(join(tmpdir(), "relais-write-all-"));
    store = await openStore({ dataDir: dir, databaseUrl, databaseSchema });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    if (databaseSchema) await dropSchema(databaseSchema);
  });

  const rowsOf = async () => {
    const { conversations, messages, inbox } = store.tables;
    return store.read(async (db) => ({
      conversations: await db.select().from(conversations).orderBy(asc(conversations.id)),
      messages: await db.select().from(messages).orderBy(asc(messages.id)),
      inbox: await db.select().from(inbox).orderBy(asc(inbox.id)),
    }));
  };

  it("gives each write its own values where their placeholders have the same names", async () => {
    await store.tx((db) => Q.insertConversation(store, db, conversation("c-0", '{"at":"start"}')));
    await store.tx((db) =>
      writeAll(store, db, [
        Q.insertConversation.with(conversation("c-1", '{"at":"greet"}')),
        Q.updateConversation.with({ id: "c-0", state: '{"at":"ask"}', status: "queued", now: NOW + 5 }),
        Q.insertMessages.write([
          { conversationId: "c-1", role: "customer", text: "Bonjour", payload: null, at: NOW },
          { conversationId: "c-1", role: "bot", text: "Que puis-je faire ?", payload: "{}", at: NOW },
        ]),
        undefined,
        Q.insertAnswered.with(answered("m-1", "c-1")),
      ]),
    );
    const rows = await rowsOf();
    expect(rows.conversations.map(({ id, state, status, updatedAt }) => ({ id, state, status, updatedAt }))).toEqual([
      { id: "c-0", state: '{"at":"ask"}', status: "queued", updatedAt: NOW + 5 },
      { id: "c-1", state: '{"at":"greet"}', status: "bot", updatedAt: NOW },
    ]);
    expect(rows.messages.map(({ conversationId, role, text }) => `${conversationId} ${role}: ${text}`)).toEqual([
      "c-1 customer: Bonjour",
      "c-1 bot: Que puis-je faire ?",
    ]);
    expect(rows.inbox).toMatchObject([
      { externalId: "m-1", conversationId: "c-1", processedAt: NOW + 1, result: '{"answer":"m-1"}' },
    ]);
  });

  it("loses every write of the transaction when one fails, and keeps what was stored", async () => {
    const before = await rowsOf();
    await expect(
      store.tx((db) =>
        writeAll(store, db, [
          Q.updateConversation.with({ id: "c-1", state: '{"at":"lost"}', status: "closed", now: NOW + 9 }),
          Q.insertMessages.write([{ conversationId: "c-1", role: "bot", text: "perdu", payload: null, at: NOW }]),
          // The same message again: the inbox's unique key refuses it.
          Q.insertAnswered.with(answered("m-1", "c-1")),
        ]),
      ),
    ).rejects.toThrow();
    expect(await rowsOf()).toEqual(before);
  });

  it.runIf(name === "PostgreSQL")("sends them to PostgreSQL as one statement", async () => {
    const { conversations } = store.tables;
    const sent = await statementsDuring(() =>
      store.tx((db) =>
        writeAll(store, db, [
          Q.updateConversation.with({ id: "c-1", state: '{"at":"end"}', status: "closed", now: NOW + 20 }),
          Q.insertMessages.write([{ conversationId: "c-1", role: "bot", text: "Au revoir", payload: null, at: NOW }]),
          Q.insertAnswered.with(answered("m-2", "c-1")),
        ]),
      ),
    );
    // BEGIN, the writes, COMMIT.
    expect(sent).toBe(3);
    const [row] = await store.read((db) => db.select().from(conversations).where(eq(conversations.id, "c-1")));
    expect(row).toMatchObject({ status: "closed", updatedAt: NOW + 20 });
  });
});
