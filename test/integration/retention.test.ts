import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../runtime/config.js";
import { PRUNE_BATCH, pruneAll } from "../../runtime/store/retention.js";
import { type Built, build, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const DAY = 86_400_000;
const schema = freshSchema("relais_retention");

/** Analytics counts by flow, version, day, kind and key, whether folded into the counts or still deltas. */
function totals(
  rows: { flowId: string; flowVersion: number; day: number; kind: string; key: string; count: number }[],
) {
  const sums: Record<string, number> = {};
  for (const row of rows) {
    const id = [row.flowId, row.flowVersion, row.day, row.kind, row.key].join(" ");
    sums[id] = (sums[id] ?? 0) + row.count;
  }
  return sums;
}

describe.each([
  { dialect: "SQLite", env: {} as Record<string, string> },
  { dialect: "PostgreSQL", env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } },
])("retention on $dialect", ({ dialect, env }) => {
  let built: Built;
  beforeAll(async () => {
    if (dialect === "PostgreSQL") await requirePostgres();
    built = await build(env);
  });
  afterAll(async () => {
    await built?.close();
    if (dialect === "PostgreSQL") await dropSchema(schema);
  });

  it("prunes idle transcripts past their flow's days in batches, answered inbox and sent outbox rows past the delivery days, and keeps analytics, cases waiting for a person and failed sends", async () => {
    const { app } = built;
    const {
      conversations,
      messages,
      inbox,
      outbox,
      deliveries,
      handoffs,
      analyticsConversations,
      analyticsCounts,
      analyticsDeltas,
    } = app.store.tables;
    // More idle echo conversations than one batch holds; the bot waits in each.
    const idle = PRUNE_BATCH + 20;
    for (let start = 0; start < idle; start += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, idle - start) }, (_, i) =>
          send(app, { flowId: "echo", from: `idle-${start + i}`, messageId: "1", text: "Bonjour" }),
        ),
      );
    }
    await send(app, { flowId: "echo", from: "idle-0", messageId: "2", text: "encore" });
    // The escalate flow keeps its transcripts longer; one customer with the bot, one waiting for a person.
    const withBot = (await send(app, { flowId: "escalate", from: "long-bot", messageId: "1", text: "Bonjour" })).json();
    await send(app, { flowId: "escalate", from: "waiting", messageId: "1", text: "Bonjour" });
    const waiting = (await send(app, { flowId: "escalate", from: "waiting", messageId: "2", text: "aide" })).json();
    expect(waiting.status).toBe("queued");
    // A reply sent long ago with its receipt, and one the channel never took (agents see it).
    const now = Date.now();
    const [sent] = await app.store.tx((db) =>
      db
        .insert(outbox)
        .values({
          conversationId: waiting.conversationId,
          channel: "rest",
          address: "waiting",
          message: '{"text":"envoyé"}',
          createdAt: now,
          sentAt: now,
        })
        .returning({ id: outbox.id }),
    );
    await app.store.tx((db) =>
      db.insert(deliveries).values({
        outboxId: sent!.id,
        conversationId: waiting.conversationId,
        channel: "rest",
        part: 0,
        providerMessageId: "provider-1",
        status: "delivered",
        updatedAt: now,
      }),
    );
    await app.store.tx((db) =>
      db.insert(outbox).values({
        conversationId: waiting.conversationId,
        channel: "rest",
        address: "waiting",
        message: '{"text":"jamais reçu"}',
        createdAt: now,
        attempts: 8,
        failedAt: now,
        lastError: "refused",
      }),
    );
    const rows = async () =>
      app.store.read(async (db) => ({
        conversations: await db.select().from(conversations),
        messages: await db.select().from(messages),
        inbox: await db.select().from(inbox),
        outbox: await db.select().from(outbox),
        deliveries: await db.select().from(deliveries),
        handoffs: await db.select().from(handoffs),
        analytics: await db.select().from(analyticsConversations),
        // Folded or not yet: the background folder may move deltas into the counts between two reads.
        counts: totals([...(await db.select().from(analyticsCounts)), ...(await db.select().from(analyticsDeltas))]),
      }));
    const before = await rows();
    const idleIds = before.conversations.filter((c) => c.flowId === "echo").map((c) => c.id);
    expect(idleIds).toHaveLength(idle);
    const keptIds = [withBot.conversationId, waiting.conversationId];
    const keptMessages = before.messages.filter((m) => keptIds.includes(m.conversationId));

    // Ten days on: echo keeps 5 days, escalate 30, answered and sent rows 2.
    const policy = { transcriptDays: 5, transcriptDaysByFlow: { escalate: 30 }, deliveryDays: 2 };
    const pruned = await pruneAll(app.store, policy, now + 10 * DAY);
    const after = await rows();

    expect(pruned.conversations).toBe(idle);
    expect(after.conversations.map((c) => c.id).sort()).toEqual([...keptIds].sort());
    expect(after.messages.filter((m) => idleIds.includes(m.conversationId))).toEqual([]);
    expect(pruned.messages).toBe(before.messages.length - keptMessages.length);
    // The kept conversations' transcripts whole, their handoff too.
    expect(after.messages.filter((m) => keptIds.includes(m.conversationId))).toEqual(keptMessages);
    expect(after.handoffs.map((h) => h.conversationId)).toEqual([waiting.conversationId]);
    // Every inbox row was answered more than two days before: none is needed to answer a retry now.
    expect(after.inbox).toEqual([]);
    expect(pruned.inbox).toBe(before.inbox.length);
    // The sent reply and its receipt are gone; the failed one stays for the agent.
    expect(after.outbox.map((o) => o.lastError)).toEqual(["refused"]);
    expect(after.deliveries).toEqual([]);
    // Analytics hold no text: every conversation and count is still there.
    expect(after.analytics).toEqual(before.analytics);
    expect(after.counts).toEqual(before.counts);
    expect(after.analytics.filter((a) => idleIds.includes(a.conversationId))).toHaveLength(idle);

    // Nothing left to prune: a second pass deletes nothing.
    const again = await pruneAll(app.store, policy, now + 10 * DAY);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    // Past the flow's own 30 days the escalate customer still with the bot goes too; the one waiting never.
    await pruneAll(app.store, policy, now + 40 * DAY);
    const later = await app.store.read((db) =>
      db.select({ id: conversations.id }).from(conversations).where(inArray(conversations.id, keptIds)),
    );
    expect(later.map((c) => c.id)).toEqual([waiting.conversationId]);
    const [stillThere] = await app.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, waiting.conversationId)).limit(1),
    );
    expect(stillThere).toBeDefined();
  });

  it("answers a customer whose idle conversation was pruned with a new conversation", async () => {
    const first = (await send(built.app, { flowId: "echo", from: "comeback", messageId: "1", text: "Bonjour" })).json();
    await pruneAll(
      built.app.store,
      { transcriptDays: 1, transcriptDaysByFlow: {}, deliveryDays: 1 },
      Date.now() + 2 * DAY,
    );
    const again = await send(built.app, { flowId: "echo", from: "comeback", messageId: "2", text: "Bonjour" });
    expect(again.statusCode).toBe(200);
    expect(again.json().conversationId).not.toBe(first.conversationId);
    expect(again.json().replies[0].text).toBe("Dites quelque chose");
  });
});

describe("retention settings", () => {
  it("reads the global days, flows of their own and the delivery days, and names a bad entry", () => {
    const config = loadConfig({
      RELAIS_RETENTION_DAYS: "90",
      RELAIS_RETENTION_DAYS_BY_FLOW: "returns=730, quiz=30",
      RELAIS_DELIVERY_RETENTION_DAYS: "3",
    });
    expect(config.retention).toEqual({
      transcriptDays: 90,
      transcriptDaysByFlow: { returns: 730, quiz: 30 },
      deliveryDays: 3,
    });
    expect(loadConfig({}).retention).toEqual({ transcriptDays: 365, transcriptDaysByFlow: {}, deliveryDays: 7 });
    expect(() => loadConfig({ RELAIS_RETENTION_DAYS_BY_FLOW: "returns=forever" })).toThrow(/`returns=forever`/);
    expect(() => loadConfig({ RELAIS_RETENTION_DAYS: "0" })).toThrow(/RELAIS_RETENTION_DAYS/);
  });
});
