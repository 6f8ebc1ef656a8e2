import { asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxMessage } from "../../runtime/channels/outbox.js";
import { type Built, build, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { openSse } from "./sse-client.js";

const schema = freshSchema("relais_scale");

const baseOf = (app: FastifyInstance) => {
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the app does not listen");
  return `http://127.0.0.1:${address.port}`;
};

/** Every inbox row of an address in arrival order, and the transcript of its one conversation. */
async function history(app: FastifyInstance, address: string) {
  const { inbox, messages, conversations } = app.store.tables;
  const received = await app.store.read((db) =>
    db.select().from(inbox).where(eq(inbox.address, address)).orderBy(asc(inbox.id)),
  );
  const started = await app.store.read((db) =>
    db.select({ id: conversations.id }).from(conversations).where(eq(conversations.address, address)),
  );
  const transcript = await app.store.read((db) =>
    db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, started[0]?.id ?? ""))
      .orderBy(asc(messages.id)),
  );
  return { received, started, transcript };
}

describe("two runtime processes on one PostgreSQL database", () => {
  let a: Built;
  let b: Built;
  beforeAll(async () => {
    await requirePostgres();
    const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema };
    // Started together, as a deployment starts them: one migrates and seeds, the other waits for it.
    [a, b] = await Promise.all([build(env), build(env)]);
    await a.app.listen({ port: 0, host: "127.0.0.1" });
    await b.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });

  it("start together on an empty schema: one admin, each shipped flow published once", async () => {
    const { users, flowVersions } = a.app.store.tables;
    expect(await a.app.store.read((db) => db.select().from(users))).toHaveLength(1);
    const versions = await a.app.store.read((db) => db.select().from(flowVersions));
    expect(versions.map((v) => `${v.flowId}@${v.version}`).sort()).toEqual(["echo@1", "escalate@1"]);
  });

  it("processes interleaved messages sent to both, each delivered to both at once, once and in arrival order", async () => {
    const conversations = 30;
    const perConversation = 6;
    const deliveries: Promise<{ text: string; bodies: string[] }>[] = [];
    for (let round = 0; round < perConversation; round++) {
      for (let c = 0; c < conversations; c++) {
        const message = {
          flowId: "echo",
          from: `scale-${c}`,
          messageId: `scale-${c}-${round}`,
          text: `c${c} m${round}`,
        };
        // Both processes get every message, in turns first, like a provider retrying on another node.
        const [first, second] = (c + round) % 2 === 0 ? [a, b] : [b, a];
        deliveries.push(
          Promise.all([send(first.app, message), send(second.app, message)]).then((answers) => ({
            text: message.text,
            bodies: answers.map((answer) => answer.body),
          })),
        );
      }
    }
    const firstReply = new Map<string, string | undefined>();
    for (const { text, bodies } of await Promise.all(deliveries)) {
      expect(bodies[0], text).toBe(bodies[1]);
      const answer = JSON.parse(bodies[0] as string) as { status: string; replies: { text: string }[] };
      expect(answer.status).toBe("bot");
      firstReply.set(text, answer.replies[0]?.text);
    }
    for (let c = 0; c < conversations; c++) {
      const { received, started, transcript } = await history(b.app, `scale-${c}`);
      expect(started).toHaveLength(1);
      expect(received).toHaveLength(perConversation);
      expect(received.every((row) => row.processedAt !== null && row.conversationId === started[0]?.id)).toBe(true);
      // What a message said is its transcript line once answered; its id tells which it was.
      const arrival = received.map((row) => row.externalId.replace(/^scale-(\d+)-(\d+)$/, "c$1 m$2"));
      // A customer's messages are sent at once, so which one arrives first is the inbox's to say: that one
      // starts the flow, and each later one is answered with its own echo.
      for (const text of arrival.slice(1)) expect(firstReply.get(text), text).toBe(`Reçu : ${text}`);
      expect(transcript.filter((m) => m.role === "customer").map((m) => m.text)).toEqual(arrival);
      // The first message starts the flow; every later one is echoed right after it, in order.
      const echoes = transcript.filter((m) => m.role === "bot" && m.text.startsWith("Reçu")).map((m) => m.text);
      expect(echoes).toEqual(arrival.slice(1).map((text) => `Reçu : ${text}`));
    }
  });

  it("keeps a customer's order when each next message goes to the other process", async () => {
    const customers = Array.from({ length: 12 }, (_, c) => `alt-${c}`);
    await Promise.all(
      customers.map(async (from) => {
        let conversationId: string | undefined;
        for (let i = 0; i < 6; i++) {
          const answer = await send((i % 2 === 0 ? a : b).app, {
            flowId: "echo",
            from,
            messageId: `${from}-${i}`,
            text: `${from} ${i}`,
          });
          const body = answer.json() as { conversationId: string; replies: { text: string }[] };
          conversationId ??= body.conversationId;
          expect(body.conversationId).toBe(conversationId);
          if (i > 0) expect(body.replies[0]?.text).toBe(`Reçu : ${from} ${i}`);
        }
      }),
    );
  });

  it("tells an agent console connected to B about a handoff made by a message on A", async () => {
    const cookie = await userWithRole(a.app, "agent", "scale-agent");
    const agentConsole = await openSse(`${baseOf(b.app)}/api/events`, { cookie });
    try {
      await send(a.app, { flowId: "escalate", from: "scale-handoff", messageId: "sh-1", text: "Bonjour" });
      const answer = await send(a.app, {
        flowId: "escalate",
        from: "scale-handoff",
        messageId: "sh-2",
        text: "je veux parler à quelqu'un",
      });
      const { conversationId, status } = answer.json() as { conversationId: string; status: string };
      expect(status).toBe("queued");
      const event = await agentConsole.next(
        (e) => e.event === "handoff.created" && JSON.parse(e.data).conversationId === conversationId,
      );
      expect(JSON.parse(event.data)).toMatchObject({ queue: "support", priority: "normal" });
      // A customer message on A while the case waits reaches the console on B too.
      await send(a.app, { flowId: "escalate", from: "scale-handoff", messageId: "sh-3", text: "toujours là ?" });
      const said = await agentConsole.next(
        (e) => e.event === "conversation.message" && JSON.parse(e.data).conversationId === conversationId,
      );
      expect(JSON.parse(said.data)).toMatchObject({ role: "customer", text: "toujours là ?" });
      // 4000 accented letters are more than one NOTIFY carries: the console still hears of it.
      const long = "é".repeat(4000);
      await send(a.app, { flowId: "escalate", from: "scale-handoff", messageId: "sh-4", text: long });
      const cut = await agentConsole.next(
        (e) => e.event === "conversation.message" && JSON.parse(e.data).conversationId === conversationId,
      );
      const { text } = JSON.parse(cut.data) as { text: string };
      expect(text.endsWith("…")).toBe(true);
      expect(long.startsWith(text.slice(0, -1))).toBe(true);
    } finally {
      agentConsole.close();
    }
  });

  it("delivers an agent's reply made on A to a web chat whose stream is open on B", async () => {
    const session = "scale-webchat-session-0001";
    const widget = await openSse(`${baseOf(b.app)}/api/channels/webchat/escalate/events?session=${session}`);
    try {
      const post = (messageId: string, text: string) =>
        a.app.inject({
          method: "POST",
          url: "/api/channels/webchat/escalate/messages",
          payload: { session, messageId, text },
        });
      await post("1", "Bonjour");
      const { conversationId } = (await post("2", "aidez-moi")).json() as { conversationId: string };
      const cookie = await userWithRole(a.app, "agent", "scale-agent-2");
      let claimed: string | undefined;
      while (claimed !== conversationId) {
        const response = await a.app.inject({ method: "POST", url: "/api/queues/support/claim", headers: { cookie } });
        expect(response.statusCode).toBe(200);
        claimed = response.json().conversation.id;
      }
      const reply = await a.app.inject({
        method: "POST",
        url: `/api/conversations/${conversationId}/reply`,
        headers: { cookie },
        payload: { text: "Bonjour, ici Camille du support." },
      });
      expect(reply.statusCode).toBe(200);
      // The claim's notice to the customer ("Camille takes your case") comes first; the reply after it.
      const event = await widget.next((e) => e.event === "message" && JSON.parse(e.data).role === "agent");
      expect(JSON.parse(event.data)).toMatchObject({
        role: "agent",
        message: { text: "Bonjour, ici Camille du support." },
      });
      // The outbox row's id, so a widget that hears it twice (two streams, a reconnect) shows it once.
      expect(Number(event.id)).toBeGreaterThan(0);
    } finally {
      widget.close();
    }
  });

  it("sends each outbox row once when both processes deliver at the same time, each conversation in order", async () => {
    const sent: { id: number; conversationId: string }[] = [];
    const sender = async (message: OutboxMessage) => {
      // A provider that takes a few milliseconds, so that the two processes' sends interleave.
      await new Promise((resolve) => setTimeout(resolve, 2));
      sent.push({ id: message.id, conversationId: message.conversationId });
      return true;
    };
    a.app.outbox.register("scale-test", sender);
    b.app.outbox.register("scale-test", sender);
    const { outbox } = a.app.store.tables;
    const conversationIds = Array.from({ length: 12 }, (_, n) => `scale-outbox-${n}`);
    const rows = conversationIds.flatMap((conversationId) =>
      [1, 2, 3].map((n) => ({
        conversationId,
        channel: "scale-test",
        address: conversationId,
        message: JSON.stringify({ nodeId: "agent:scale", text: `message ${n}` }),
        createdAt: Date.now(),
      })),
    );
    const ids = (await a.app.store.tx((db) => db.insert(outbox).values(rows).returning({ id: outbox.id }))).map(
      (row) => row.id,
    );
    await Promise.all([a.app.outbox.flush(), b.app.outbox.flush(), a.app.outbox.flush(), b.app.outbox.flush()]);
    await expect.poll(() => sent.length).toBe(ids.length);
    expect(sent.map((each) => each.id).sort((x, y) => x - y)).toEqual(ids);
    // Each conversation's messages went out in the order they were written, whichever process sent them.
    for (const conversationId of conversationIds) {
      const order = sent.filter((each) => each.conversationId === conversationId).map((each) => each.id);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    const unsent = await a.app.store.read((db) => db.select().from(outbox).where(eq(outbox.channel, "scale-test")));
    expect(unsent.filter((row) => row.sentAt === null)).toEqual([]);
  });
});
