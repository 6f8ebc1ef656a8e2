import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outbox } from "../../runtime/channels/outbox.js";
import { ProviderHttp } from "../../runtime/channels/provider-http.js";
import { providerSender } from "../../runtime/channels/provider-sender.js";
import { whatsappAdapter } from "../../runtime/channels/whatsapp/adapter.js";
import { openStore, type Store } from "../../runtime/store/db.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { FakeProvider } from "./providers/fake-provider.js";

const schema = freshSchema("relais_outbox_lease");
const LEASE_MS = 60_000;
const graph = new FakeProvider((_request, n) => ({
  body: {
    messaging_product: "whatsapp",
    contacts: [{ input: "x", wa_id: "x" }],
    messages: [{ id: `wamid.lease-${n}` }],
  },
}));
const silent = { warn: () => undefined } as unknown as ConstructorParameters<typeof Outbox>[1];

/** Two processes on one database: each its own store and outbox, the same clock (a test's). */
let clock = Date.UTC(2026, 11, 2, 9);
const dirs: string[] = [];
const processes: { store: Store; outbox: Outbox }[] = [];

async function startProcess(apiUrl: string): Promise<{ store: Store; outbox: Outbox }> {
  const dir = mkdtempSync(join(tmpdir(), "relais-outbox-lease-"));
  dirs.push(dir);
  const store = await openStore({ dataDir: dir, databaseUrl: POSTGRES_URL, databaseSchema: schema });
  await store.started();
  const outbox = new Outbox(store, silent, {
    baseDelayMs: 1_000,
    maxAttempts: 3,
    leaseMs: LEASE_MS,
    now: () => clock,
    onGiveUp: () => undefined,
    onRoundFailed: (error) => {
      throw error;
    },
  });
  const adapter = whatsappAdapter(
    { appSecret: "s", verifyToken: "v", token: "t", phoneNumberId: "106540352242922", flowId: "triage", apiUrl },
    new ProviderHttp({ timeoutMs: 10_000, maxResponseBytes: 65_536 }),
  );
  outbox.register(
    "whatsapp",
    providerSender(adapter, store, () => clock),
  );
  const process = { store, outbox };
  processes.push(process);
  return process;
}

describe("a message of many parts on PostgreSQL", () => {
  let a: { store: Store; outbox: Outbox };
  let b: { store: Store; outbox: Outbox };
  beforeAll(async () => {
    await requirePostgres();
    const apiUrl = await graph.start();
    a = await startProcess(apiUrl);
    b = await startProcess(apiUrl);
  });
  afterAll(async () => {
    graph.release();
    for (const { store, outbox } of processes) {
      outbox.stop();
      await store.close();
    }
    await graph.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  /** A conversation on WhatsApp that wrote just now, and an agent's reply of several parts waiting to go. */
  async function longReply(conversationId: string): Promise<number> {
    const { conversations, messages, outbox } = a.store.tables;
    const state = {
      stack: [{ flowId: "triage", nodeId: "greet" }],
      status: "active",
      language: "fr",
      variables: {},
      attempts: 0,
      failedInputs: 0,
      visits: {},
      firedRules: [],
      effectsSinceInput: 0,
    };
    const paragraph = (n: number) => `Paragraphe ${n} : ${"les conditions de retour s'appliquent ".repeat(100)}`;
    const text = [1, 2, 3].map(paragraph).join("\n\n");
    const [row] = await a.store.tx(async (db) => {
      await db.insert(conversations).values({
        id: conversationId,
        channel: "whatsapp",
        address: "33600000010",
        flowId: "triage",
        flowVersion: 1,
        pinned: '{"triage":1}',
        state: JSON.stringify(state),
        status: "agent",
        createdAt: clock,
        updatedAt: clock,
      });
      await db.insert(messages).values({ conversationId, role: "customer", text: "Et pour un retour ?", at: clock });
      return db
        .insert(outbox)
        .values({
          conversationId,
          channel: "whatsapp",
          address: "33600000010",
          message: JSON.stringify({ nodeId: "agent:lease", text }),
          createdAt: clock,
        })
        .returning({ id: outbox.id });
    });
    return (row as { id: number }).id;
  }

  /** Process A takes the long reply's row and sends its first part, which the provider is slow to answer. */
  async function firstPartInFlight(conversationId: string) {
    const id = await longReply(conversationId);
    const before = graph.received.length;
    graph.holding = true;
    const sending = a.outbox.flush();
    await expect.poll(() => graph.waiting).toBe(1);
    return { id, before, sending };
  }

  it("stays with the process sending it when its parts take longer than a lease: no part goes twice", async () => {
    const { outbox, deliveries } = a.store.tables;
    const { id, before, sending } = await firstPartInFlight("lease-1");
    clock += 50_000;
    graph.answerOne();
    // Before its second part, A holds the row for another lease from now.
    await expect.poll(() => graph.waiting).toBe(1);
    const [held] = await a.store.read((db) =>
      db.select({ nextAttemptAt: outbox.nextAttemptAt }).from(outbox).where(eq(outbox.id, id)),
    );
    expect(held?.nextAttemptAt).toBe(clock + LEASE_MS);

    // Past the first lease, process B looks: the row is still A's, and B sends nothing of it.
    clock += 20_000;
    let looking = true;
    const secondSend = (async () => {
      while (looking && graph.waiting < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    })();
    // B's look ends once it leaves the row; were it to take it over, its send of a part would show first.
    await Promise.race([b.outbox.flush(), secondSend]);
    looking = false;
    expect(graph.waiting).toBe(1);

    graph.release();
    await sending;
    const bodies = graph
      .json()
      .slice(before)
      .map((body) => (body.text as { body: string }).body);
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(bodies.join("")).toContain("Paragraphe 3");
    const parts = await a.store.read((db) =>
      db.select({ part: deliveries.part }).from(deliveries).where(eq(deliveries.outboxId, id)),
    );
    expect(parts.map((each) => each.part).sort((x, y) => x - y)).toEqual(bodies.map((_, n) => n));
    const [sent] = await a.store.read((db) =>
      db.select({ sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.id, id)),
    );
    expect(sent?.sentAt).toBe(clock);
  });

  it("stops sending from a process whose lease another took over, which sends the rest", async () => {
    const { outbox, deliveries } = a.store.tables;
    const { id, before, sending } = await firstPartInFlight("lease-2");
    // A's first part outlasts the lease (a provider's timeout never lets it in production): B takes over.
    clock += LEASE_MS + 1_000;
    const takingOver = b.outbox.flush();
    await expect.poll(() => graph.waiting).toBe(2);
    graph.release();
    await Promise.all([sending, takingOver]);
    const bodies = graph
      .json()
      .slice(before)
      .map((body) => (body.text as { body: string }).body);
    // The first part went twice (both had it in flight); every later one once, from B.
    expect(bodies[0]).toBe(bodies[1]);
    expect(new Set(bodies.slice(1)).size).toBe(bodies.length - 1);
    expect(bodies.join("")).toContain("Paragraphe 3");
    const parts = await a.store.read((db) =>
      db.select({ part: deliveries.part }).from(deliveries).where(eq(deliveries.outboxId, id)),
    );
    expect(parts.map((each) => each.part).sort((x, y) => x - y)).toEqual(bodies.slice(1).map((_, n) => n));
    const [sent] = await a.store.read((db) =>
      db.select({ sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.id, id)),
    );
    expect(sent?.sentAt).toBe(clock);
  });

  it("tells that no one here took a message only once the row is free for the process that can", async () => {
    const { outbox } = a.store.tables;
    const seen: (number | null | undefined)[] = [];
    a.outbox.register(
      "lease-webchat",
      async () => false,
      async (message) => {
        const [row] = await a.store.read((db) =>
          db.select({ nextAttemptAt: outbox.nextAttemptAt }).from(outbox).where(eq(outbox.id, message.id)),
        );
        seen.push(row?.nextAttemptAt);
      },
    );
    await a.store.tx((db) =>
      db.insert(outbox).values({
        conversationId: "lease-3",
        channel: "lease-webchat",
        address: "session-lease-3",
        message: JSON.stringify({ nodeId: "agent:lease", text: "Bonjour, ici Camille." }),
        createdAt: clock,
      }),
    );
    await a.outbox.flush();
    // Another process woken then finds the row due, not taken by this one for a lease.
    await expect.poll(() => seen).toEqual([null]);
  });
});
