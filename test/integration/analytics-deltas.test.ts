import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldAllDeltas, foldDeltas } from "../../runtime/analytics/deltas.js";
import { type FiguresRequest, readFigures } from "../../runtime/analytics/figures.js";
import { dayOf } from "../../runtime/analytics/fold.js";
import { recordStep, rememberStep, type StepFacts } from "../../runtime/analytics/record.js";
import { openStore, type Store } from "../../runtime/store/db.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const NOW = Date.parse("2026-03-02T10:00:00Z");

/** A conversation's first step: the greeting, then the question, answered once not understood. */
const firstStep = (conversationId: string): StepFacts => ({
  conversationId,
  flowId: "support",
  flowVersion: 1,
  pinned: { support: 1 },
  now: NOW,
  customerMessage: true,
  events: [
    { type: "node", flowId: "support", nodeId: "start" },
    { type: "node", flowId: "support", nodeId: "ask", from: "start", handle: "next" },
    { type: "input", flowId: "support", nodeId: "ask", valid: false },
  ],
  status: { type: "wait", nodeId: "ask" },
});

/** Its second: understood, and the bot ends it. */
const secondStep = (conversationId: string): StepFacts => ({
  ...firstStep(conversationId),
  now: NOW + 60_000,
  events: [
    { type: "input", flowId: "support", nodeId: "ask", valid: true },
    { type: "node", flowId: "support", nodeId: "done", from: "ask", handle: "next" },
  ],
  status: { type: "end" },
});

const request: FiguresRequest = {
  flowId: "support",
  version: 1,
  fromDay: dayOf(NOW),
  toDay: dayOf(NOW),
  abandonAfterMinutes: 30,
  now: NOW + 3_600_000,
};

/** The figures `conversations` conversations of two steps each give. */
const expected = (conversations: number) => ({
  started: conversations,
  contained: conversations,
  nodes: [
    { nodeId: "ask", reached: conversations, dropOff: 0, answers: 2 * conversations, notUnderstood: conversations },
    { nodeId: "done", reached: conversations, dropOff: 0, answers: 0, notUnderstood: 0 },
    { nodeId: "start", reached: conversations, dropOff: 0, answers: 0, notUnderstood: 0 },
  ],
  transitions: [
    { id: "ask>next", from: "ask", handle: "next", count: conversations },
    { id: "start>next", from: "start", handle: "next", count: conversations },
  ],
});

const seen = async (store: Store) => {
  const figures = await readFigures(store, request);
  return {
    started: figures.conversations.started,
    contained: figures.conversations.contained,
    nodes: figures.nodes,
    transitions: figures.transitions,
  };
};

const rowsIn = (store: Store) =>
  store.read(async (db) => ({
    deltas: await db.$count(store.tables.analyticsDeltas),
    counts: await db.$count(store.tables.analyticsCounts),
  }));

/** Writes both steps of each conversation, the conversations side by side, each step in its own transaction. */
async function converse(store: Store, ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      await store.tx((db) => recordStep(store, db, firstStep(id)));
      await store.tx((db) => recordStep(store, db, secondStep(id)));
    }),
  );
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

describe.each(["sqlite", "postgres"] as const)("analytics deltas on %s", (dialect) => {
  let dir: string;
  let store: Store;
  const schema = freshSchema("relais_deltas");
  /** A store as a process holds it once started (on PostgreSQL the next may then start too). */
  const open = async () => {
    const opened = await openStore(
      dialect === "postgres" ? { dataDir: dir, databaseUrl: POSTGRES_URL, databaseSchema: schema } : { dataDir: dir },
    );
    await opened.started();
    return opened;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-deltas-"));
    if (dialect === "postgres") await requirePostgres();
    store = await open();
  });

  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    if (dialect === "postgres") await dropSchema(schema);
  });

  it("appends each step's counts, reads them exactly before they are folded, and the same after", async () => {
    await converse(store, ids("a", 20));
    const unfolded = await rowsIn(store);
    // Five counts a conversation's first step adds, three its second. On PostgreSQL one row each, no
    // row shared; on SQLite the steps of a group commit are summed by key (eight keys in all).
    if (dialect === "postgres") expect(unfolded).toEqual({ deltas: 20 * 8, counts: 0 });
    else {
      expect(unfolded.deltas).toBeGreaterThanOrEqual(8);
      expect(unfolded.deltas).toBeLessThan(20 * 8);
    }
    expect(await seen(store)).toEqual(expected(20));

    expect(await foldDeltas(store)).toBe(unfolded.deltas);
    expect(await rowsIn(store)).toEqual({ deltas: 0, counts: 7 });
    expect(await seen(store)).toEqual(expected(20));

    await converse(store, ids("b", 5));
    expect(await seen(store)).toEqual(expected(25));
    const more = (await rowsIn(store)).deltas;
    if (dialect === "postgres") expect(more).toBe(5 * 8);
    expect(await foldAllDeltas(store)).toBe(more);
    expect(await seen(store)).toEqual(expected(25));
    expect(await foldDeltas(store)).toBe(0);
  });

  it("counts no step rolled back, and every other step written beside it", async () => {
    const before = (await seen(store)).started;
    const failing = store.tx(async (db) => {
      await recordStep(store, db, firstStep("rolled-back"));
      throw new Error("step failed");
    });
    await Promise.all([converse(store, ids("e", 3)), expect(failing).rejects.toThrow("step failed")]);
    expect(await seen(store)).toEqual(expected(before + 3));
  });

  // On SQLite a step starts from the aggregate kept in memory, and writes only what it changed.
  it.runIf(dialect === "sqlite")(
    "writes a conversation's row whole again when it went missing since the step before",
    async () => {
      const id = "gone-0";
      const row = (db: Parameters<Parameters<Store["read"]>[0]>[0]) =>
        db
          .select()
          .from(store.tables.analyticsConversations)
          .where(eq(store.tables.analyticsConversations.conversationId, id));
      rememberStep(store, await store.tx((db) => recordStep(store, db, firstStep(id))));
      await store.tx((db) =>
        db
          .delete(store.tables.analyticsConversations)
          .where(eq(store.tables.analyticsConversations.conversationId, id)),
      );
      rememberStep(store, await store.tx((db) => recordStep(store, db, secondStep(id))));
      const [written] = await store.read(row);
      expect(written).toMatchObject({
        outcome: "contained",
        customerMessages: 2,
        startedAt: NOW,
        lastCustomerAt: NOW + 60_000,
        atNodeId: "done",
      });
    },
  );

  it.runIf(dialect === "postgres")(
    "folds on one process at a time while others write, and loses or doubles no count",
    async () => {
      const other = await open();
      try {
        const before = (await seen(store)).started;
        let folding = true;
        const folds: number[] = [];
        const folder = (on: Store) =>
          (async () => {
            while (folding) folds.push(await foldDeltas(on));
          })();
        const folders = [folder(store), folder(other)];
        await Promise.all([converse(store, ids("c", 40)), converse(other, ids("d", 40))]);
        folding = false;
        await Promise.all(folders);
        expect(await seen(other)).toEqual(expected(before + 80));
        await foldAllDeltas(other);
        expect(await rowsIn(store)).toEqual({ deltas: 0, counts: 7 });
        expect(await seen(store)).toEqual(expected(before + 80));
        expect(folds.some((folded) => folded > 0)).toBe(true);
      } finally {
        await other.close();
      }
    },
  );
});
