import { eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SearchIndexer } from "../../runtime/queue/search-index.js";
import type { ConversationRow } from "../../runtime/store/records.js";
import { ADMIN, type Built, build, bulkConversations, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_search");

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("finding conversations again on %s", (database, env) => {
  let built: Built;
  let admin: string;
  let alice: string;
  let aliceId: string;
  let closedId: string;
  let openId: string;

  const as = (cookie: string, url: string) => built.app.inject({ method: "GET", url, headers: { cookie } });
  const search = async (cookie: string, query: Record<string, string>) => {
    const response = await as(cookie, `/api/search?${new URLSearchParams(query)}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { results: { id: string; status: string; agentName: string | null }[] }).results;
  };
  const escalate = async (from: string, text: string, n = 1) => {
    await send(built.app, { flowId: "escalate", from, messageId: `${from}-${n}`, text: "Bonjour" });
    const answer = await send(built.app, { flowId: "escalate", from, messageId: `${from}-${n + 1}`, text });
    return (answer.json() as { conversationId: string }).conversationId;
  };

  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
    alice = await userWithRole(built.app, "agent", "alice");
    aliceId = ((await as(admin, "/api/users")).json() as { id: string; name: string }[]).find(
      (user) => user.name === "alice",
    )!.id;
    closedId = await escalate("+33600000001", "Ma commande CMD-4242 n'est jamais arrivée");
    await built.app.inject({ method: "POST", url: `/api/conversations/${closedId}/pick`, headers: { cookie: alice } });
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${closedId}/reply`,
      headers: { cookie: alice },
      payload: { text: "Je relance le transporteur Colissimo." },
    });
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${closedId}/resolve`,
      headers: { cookie: alice },
      payload: { disposition: "resolved" },
    });
    openId = await escalate("+33600000002", "Problème de facture en double");
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  it("finds a closed conversation by an order number, and an open one by a word, as soon as they are written", async () => {
    expect(await search(admin, { q: "CMD-4242" })).toEqual([
      expect.objectContaining({ id: closedId, status: "closed", agentName: "alice" }),
    ]);
    expect((await search(admin, { q: "facture" })).map((hit) => hit.id)).toEqual([openId]);
    expect((await search(admin, { q: "colissimo" })).map((hit) => hit.id)).toEqual([closedId]);
    expect((await search(admin, { q: "+33600000002" })).map((hit) => hit.id)).toEqual([openId]);
  });

  it("narrows by status, queue, agent, channel and start day", async () => {
    expect((await search(admin, { status: "closed" })).map((hit) => hit.id)).toEqual([closedId]);
    expect((await search(admin, { status: "queued", queue: "support" })).map((hit) => hit.id)).toEqual([openId]);
    expect((await search(admin, { agent: aliceId })).map((hit) => hit.id)).toEqual([closedId]);
    expect(await search(admin, { channel: "webchat" })).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await search(admin, { from: today, to: today })).toHaveLength(2);
    expect(await search(admin, { from: "2099-01-01" })).toEqual([]);
    const badDay = await as(admin, "/api/search?from=demain");
    expect(badDay.statusCode).toBe(400);
  });

  it("takes SQL and full-text operators as plain text", async () => {
    for (const q of ['"CMD-4242" OR *', "x' OR 1=1 --", "NEAR(commande facture)", "facture*", "-facture", '"', "');"]) {
      const results = await search(admin, { q });
      expect(
        results.every((hit) => hit.id === openId || hit.id === closedId),
        q,
      ).toBe(true);
    }
    expect(await search(admin, { q: "commande OR facture" })).toEqual([]);
    expect((await search(admin, { q: "' OR '1'='1" })).length).toBe(0);
  });

  describe("by phone number", () => {
    let writtenId: string;
    let whatsappId: string;
    const ids = async (q: string) => (await search(admin, { q })).map((hit) => hit.id);

    it("finds a number however it is typed, as the customer wrote it or as WhatsApp names them", async () => {
      writtenId = await escalate("client-rappel", "Rappelez-moi au 06 98 76 54 32 svp");
      // WhatsApp names a customer by their number without its `+`.
      const { store } = built.app;
      const { conversations } = store.tables;
      const [open] = await store.read((db) => db.select().from(conversations).where(eq(conversations.id, openId)));
      const template = open as ConversationRow;
      whatsappId = "whatsapp-customer";
      await store.tx((db) =>
        db.insert(conversations).values({
          ...template,
          id: whatsappId,
          channel: "whatsapp",
          address: "33756781234",
          state: JSON.stringify({ ...JSON.parse(template.state), variables: {} }),
        }),
      );
      for (const q of [
        "0698765432",
        "06 98 76 54 32",
        "06.98.76.54.32",
        "+33698765432",
        "+33 6 98 76 54 32",
        "0033698765432",
        "698765432",
      ]) {
        expect(await ids(q), q).toEqual([writtenId]);
      }
      for (const q of ["07 56 78 12 34", "+33756781234", "0033 7 56 78 12 34", "33756781234"]) {
        expect(await ids(q), q).toEqual([whatsappId]);
      }
      expect(await ids("Rappelez 06 98 76 54 32")).toEqual([writtenId]);
      expect(await ids("facture 06 98 76 54 32")).toEqual([]);
      expect(await ids("06 98 76 54 33")).toEqual([]);
    });

    it("finds again, once rebuilt in the background, conversations indexed before numbers were", async () => {
      const { store } = built.app;
      const { conversationSearch, searchCatchUp } = store.tables;
      // As a version before left them: the number only as the customer wrote it, and no format recorded.
      await store.tx(async (db) => {
        await db
          .update(conversationSearch)
          .set({ body: "Rappelez-moi au 06 98 76 54 32 svp" })
          .where(eq(conversationSearch.conversationId, writtenId));
        await db.delete(searchCatchUp).where(ne(searchCatchUp.mark, "changes"));
      });
      // Found as typed meanwhile.
      expect(await ids("06 98 76 54 32")).toEqual([writtenId]);
      const indexer = new SearchIndexer(store);
      try {
        // The app's own background run may hold the index's turn on PostgreSQL: this one then leaves it.
        await expect
          .poll(
            async () => {
              await indexer.catchUpSoon();
              return ids("+33 6 98 76 54 32");
            },
            { timeout: 20_000, interval: 200 },
          )
          .toEqual([writtenId]);
      } finally {
        await indexer.stop();
      }
      expect(await ids("0698765432")).toEqual([writtenId]);
    });
  });

  it("shows agents only the queues they work and the conversations they held", async () => {
    const bruno = await userWithRole(built.app, "agent", "bruno");
    const brunoId = ((await as(admin, "/api/users")).json() as { id: string; name: string }[]).find(
      (user) => user.name === "bruno",
    )!.id;
    await built.app.inject({
      method: "PUT",
      url: `/api/users/${brunoId}`,
      headers: { cookie: admin },
      payload: { queues: ["level2"] },
    });
    expect(await search(bruno, { q: "facture" })).toEqual([]);
    expect((await as(bruno, `/api/conversations/${openId}/customer-history`)).statusCode).toBe(404);
    expect((await search(alice, { q: "facture" })).map((hit) => hit.id)).toEqual([openId]);
  });

  it("gathers a customer's conversations with what the bot collected in each", async () => {
    const again = await escalate("+33600000001", "Toujours rien pour CMD-4242", 3);
    expect(again).not.toBe(closedId);
    const history = (await as(admin, `/api/conversations/${again}/customer-history`)).json();
    expect(history.customer).toMatchObject({ address: "+33600000001" });
    expect(history.conversations.map((entry: { conversation: { id: string } }) => entry.conversation.id)).toEqual([
      again,
      closedId,
    ]);
    expect(history.conversations[1].collected).toMatchObject({ answer: "Ma commande CMD-4242 n'est jamais arrivée" });
  });

  it("finds every conversation of a batch changed in the same instant, and a status changed alone after them", async () => {
    const { store } = built.app;
    const { conversations } = store.tables;
    const [open] = await store.read((db) => db.select().from(conversations).where(eq(conversations.id, openId)));
    // More conversations than a catch-up looks at in one batch, all changed at the same millisecond
    // (as a bulk close or an import does), each with a word of its own in its address.
    await bulkConversations(built.app, open as ConversationRow, 1_100, Date.now() - 1_000);
    expect((await search(admin, { q: "bulk0" })).map((hit) => hit.id)).toEqual(["bulk-0000"]);
    expect((await search(admin, { q: "bulk1099" })).map((hit) => hit.id)).toEqual(["bulk-1099"]);
    // Then one conversation's status alone changes: no message says so.
    await store.tx((db) =>
      db.update(conversations).set({ status: "closed", updatedAt: Date.now() }).where(eq(conversations.id, openId)),
    );
    expect((await search(admin, { status: "closed" })).map((hit) => hit.id)).toContain(openId);
  });
});
