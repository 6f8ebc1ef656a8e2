import { rmSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeConversation } from "../../runtime/conversation/step-queries.js";
import { waitingOrActive } from "../../runtime/worker/waiting-or-active.js";
import { crmEnv, dirWithLookupFlow, hangingCrm } from "./hanging-crm.js";
import { type Built, build, send, waitingInboxRow } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const dialects = [
  { name: "SQLite", env: {} as Record<string, string> },
  { name: "PostgreSQL", env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema("relais_one_step") } },
];

/**
 * A message with nothing of its customer waiting is processed in the transaction that writes its inbox
 * row; these are the ways it leaves that path for the inbox's usual one, losing nothing.
 */
describe.each(dialects)("a message processed in one step, on $name", ({ name, env }) => {
  let built: Built;
  let crm: Awaited<ReturnType<typeof hangingCrm>>;
  let dir: string;
  beforeAll(async () => {
    if (name === "PostgreSQL") await requirePostgres();
    crm = await hangingCrm();
    dir = dirWithLookupFlow();
    built = await build({ ...env, ...crmEnv(crm.url) }, { keepDir: dir });
  });
  afterAll(async () => {
    await crm?.close();
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
    if (env.DATABASE_SCHEMA) await dropSchema(env.DATABASE_SCHEMA);
  });

  const inboxRow = async (address: string, externalId: string) => {
    const { inbox } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(inbox).where(eq(inbox.address, address)));
    return rows.find((row) => row.externalId === externalId);
  };

  const transcript = async (conversationId: string) => {
    const { messages } = built.app.store.tables;
    const lines = await built.app.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
    );
    return lines.map((line) => `${line.role}: ${line.text}`);
  };

  /** Which customer message each line of the transcript replies to. */
  const repliedTo = async (conversationId: string) => {
    const { messages } = built.app.store.tables;
    const lines = await built.app.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
    );
    return lines.map((line) => line.replyTo);
  };

  it("writes the message's inbox row answered, so that a retry gets the same answer", async () => {
    const message = { flowId: "echo", from: "one-step", messageId: "o-1", text: "Bonjour" };
    const first = await send(built.app, message);
    expect(first.statusCode).toBe(200);
    const row = await inboxRow("one-step", "o-1");
    expect(row).toMatchObject({
      flowId: "echo",
      attempts: 0,
      deadAt: null,
      conversationId: first.json().conversationId,
    });
    expect(row?.processedAt).not.toBeNull();
    // The replies and what the customer said are the transcript's; the row keeps what dedupes a retry.
    expect(JSON.parse(row?.result ?? "{}")).toEqual({ conversationId: first.json().conversationId, status: "bot" });
    expect(row?.payload).toBe("{}");
    const retried = await send(built.app, message);
    expect(retried.body).toBe(first.body);
    expect(await transcript(first.json().conversationId)).toEqual(["customer: Bonjour", "bot: Dites quelque chose"]);
    expect(await repliedTo(first.json().conversationId)).toEqual([null, "o-1"]);
  });

  it("answers a retry with the replies of that message alone, read from the transcript, after later ones", async () => {
    const said = (id: string, text: string) => ({ flowId: "echo", from: "retry-later", messageId: id, text });
    const answers = [];
    for (const [id, text] of [
      ["r-1", "Bonjour"],
      ["r-2", "un"],
      ["r-3", "deux"],
    ] as const)
      answers.push((await send(built.app, said(id, text))).json());
    expect(answers[1].replies.map((reply: { text: string }) => reply.text)).toEqual([
      "Reçu : un",
      "Dites quelque chose",
    ]);
    for (const [index, [id, text]] of (
      [
        ["r-1", "Bonjour"],
        ["r-2", "un"],
        ["r-3", "deux"],
      ] as const
    ).entries()) {
      const retried = await send(built.app, said(id, text));
      expect(retried.json(), id).toEqual(answers[index]);
    }
  });

  it("answers a retry of a message id used again after its first row was pruned with the new replies alone", async () => {
    const said = (text: string) => ({ flowId: "echo", from: "reused-id", messageId: "1", text });
    await send(built.app, { flowId: "echo", from: "reused-id", messageId: "0", text: "Bonjour" });
    expect((await send(built.app, said("une"))).json().replies[0].text).toBe("Reçu : une");
    // The retention pass prunes answered rows after some days; the conversation goes on.
    const { inbox } = built.app.store.tables;
    await built.app.store.tx((db) =>
      db.delete(inbox).where(and(eq(inbox.address, "reused-id"), eq(inbox.externalId, "1"))),
    );
    const again = await send(built.app, said("deux"));
    expect(again.json().replies.map((reply: { text: string }) => reply.text)).toEqual([
      "Reçu : deux",
      "Dites quelque chose",
    ]);
    expect((await send(built.app, said("deux"))).json()).toEqual(again.json());
  });

  it("reads what waits, the active conversation and its analytics row in one go, as the query builder reads them", async () => {
    const { store } = built.app;
    const first = await send(built.app, { flowId: "echo", from: "both-reads", messageId: "b-1", text: "Bonjour" });
    const message = { channel: "rest", flowId: "echo", address: "both-reads", externalId: "b-2" };
    const [expected] = await store.read((db) => activeConversation(store, db, message));
    expect(expected?.id).toBe(first.json().conversationId);
    const { analyticsConversations } = store.tables;
    const [aggregate] = await store.read((db) =>
      db
        .select()
        .from(analyticsConversations)
        .where(eq(analyticsConversations.conversationId, expected?.id ?? "")),
    );
    expect(aggregate).toMatchObject({ customerMessages: 1, outcome: "open" });
    // On SQLite the step keeps its conversation's analytics row in memory, so the read leaves it out.
    expect(await store.read((db) => waitingOrActive(store, db, message))).toEqual({
      waiting: false,
      active: [expected],
      ...(name === "PostgreSQL" ? { aggregate } : {}),
    });
    // A conversation with no analytics row (deleted by hand) reads as having none.
    await store.tx((db) =>
      db.delete(analyticsConversations).where(eq(analyticsConversations.conversationId, expected?.id ?? "")),
    );
    expect(await store.read((db) => waitingOrActive(store, db, message))).toEqual({
      waiting: false,
      active: [expected],
      ...(name === "PostgreSQL" ? { aggregate: null } : {}),
    });
    expect(await store.read((db) => waitingOrActive(store, db, { ...message, externalId: "b-1" }))).toEqual({
      waiting: true,
      active: [],
    });
    expect(
      await store.read((db) => waitingOrActive(store, db, { ...message, address: "nobody", externalId: "n-1" })),
    ).toEqual({ waiting: false, active: [] });
  });

  it("answers a message after the earlier one of its customer still waiting in the inbox", async () => {
    await send(built.app, { flowId: "echo", from: "waiting", messageId: "w-1", text: "Bonjour" });
    await waitingInboxRow(built.app, {
      address: "waiting",
      externalId: "w-2",
      payload: JSON.stringify({ text: "d'abord" }),
      receivedAt: Date.now(),
    });
    const next = await send(built.app, { flowId: "echo", from: "waiting", messageId: "w-3", text: "ensuite" });
    expect(next.statusCode).toBe(200);
    expect(next.json().replies[0].text).toBe("Reçu : ensuite");
    const drained = await inboxRow("waiting", "w-2");
    expect(drained?.processedAt).not.toBeNull();
    expect(drained?.payload).toBe("{}");
    expect(await transcript(next.json().conversationId)).toEqual([
      "customer: Bonjour",
      "bot: Dites quelque chose",
      "customer: d'abord",
      "bot: Reçu : d'abord",
      "bot: Dites quelque chose",
      "customer: ensuite",
      "bot: Reçu : ensuite",
      "bot: Dites quelque chose",
    ]);
    // The message that waited in the inbox is answered again, when retried, with its own replies.
    const retried = await send(built.app, { flowId: "echo", from: "waiting", messageId: "w-2", text: "d'abord" });
    expect(retried.json().replies.map((reply: { text: string }) => reply.text)).toEqual([
      "Reçu : d'abord",
      "Dites quelque chose",
    ]);
  });

  it("writes a message whose step failed with the failure counted, and tries it again", async () => {
    await send(built.app, { flowId: "echo", from: "failing", messageId: "f-1", text: "Bonjour" });
    const { store } = built.app;
    const tx = store.tx;
    let failures = 0;
    store.tx = (work) => {
      if (failures > 0) return tx(work);
      failures += 1;
      return Promise.reject(new Error("the step could not be written"));
    };
    try {
      const answered = await send(built.app, { flowId: "echo", from: "failing", messageId: "f-2", text: "encore" });
      expect(answered.statusCode).toBe(200);
      expect(answered.json().replies[0].text).toBe("Reçu : encore");
    } finally {
      store.tx = tx;
    }
    expect(failures).toBe(1);
    const row = await inboxRow("failing", "f-2");
    expect(row).toMatchObject({ attempts: 1, error: "the step could not be written", deadAt: null });
    expect(row?.processedAt).not.toBeNull();
  });

  it("processes once the same message sent at once to two flows", async () => {
    const message = { from: "two-flows", messageId: "t-1", text: "Bonjour" };
    const [echo, escalate] = await Promise.all([
      send(built.app, { ...message, flowId: "echo" }),
      send(built.app, { ...message, flowId: "escalate" }),
    ]);
    expect(echo.statusCode).toBe(200);
    expect(escalate.body).toBe(echo.body);
    const { inbox, conversations } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(inbox).where(eq(inbox.address, "two-flows")));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.attempts).toBe(0);
    const started = await built.app.store.read((db) =>
      db.select().from(conversations).where(eq(conversations.address, "two-flows")),
    );
    expect(started).toHaveLength(1);
  });

  it(`keeps a message whose flow looks something up ${name === "SQLite" ? "in this process's turn" : "waiting in the inbox, for the other processes"} until its step`, async () => {
    crm.hold();
    const answered = send(built.app, { flowId: "lookup", from: "looked-up", messageId: "l-1", text: "Bonjour" });
    await crm.waitingFor(1);
    const row = await inboxRow("looked-up", "l-1");
    if (name === "SQLite") expect(row).toBeUndefined();
    else expect(row).toMatchObject({ processedAt: null, attempts: 0 });
    crm.release();
    const answer = await answered;
    expect(answer.statusCode).toBe(200);
    expect(answer.json().replies[0].text).toBe("Bonjour looked-up");
    expect((await inboxRow("looked-up", "l-1"))?.processedAt).not.toBeNull();
    expect(crm.answered).toBe(1);
  });
});
