import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send } from "./helpers.js";

describe("REST channel", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(() => built.close());

  it("starts a conversation and answers with the bot's replies", async () => {
    const first = await send(built.app, { flowId: "echo", from: "+33600000001", messageId: "m-1", text: "Bonjour" });
    expect(first.statusCode).toBe(200);
    const answer = first.json();
    expect(answer.status).toBe("bot");
    expect(answer.replies.map((r: { text: string }) => r.text)).toEqual(["Dites quelque chose"]);
    const second = await send(built.app, { flowId: "echo", from: "+33600000001", messageId: "m-2", text: "salut" });
    expect(second.json()).toMatchObject({ conversationId: answer.conversationId, status: "bot" });
    expect(second.json().replies[0].text).toBe("Reçu : salut");
  });

  it("gives conversations ids ordered by when they started, so that the ones talking now share index pages", async () => {
    const ids: string[] = [];
    for (let customer = 0; customer < 5; customer++) {
      const answer = await send(built.app, {
        flowId: "echo",
        from: `ordered-${customer}`,
        messageId: `ordered-${customer}`,
        text: "Bonjour",
      });
      ids.push(answer.json().conversationId);
    }
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it("processes concurrent duplicate deliveries once and gives each the same answer", async () => {
    await send(built.app, { flowId: "echo", from: "dup-customer", messageId: "dup-0", text: "Bonjour" });
    const deliveries = await Promise.all(
      Array.from({ length: 12 }, () =>
        send(built.app, { flowId: "echo", from: "dup-customer", messageId: "dup-1", text: "une seule fois" }),
      ),
    );
    const bodies = deliveries.map((d) => d.body);
    expect(new Set(bodies).size).toBe(1);
    const { conversationId } = deliveries[0]!.json();
    const { messages } = built.app.store.tables;
    const transcript = await built.app.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
    );
    expect(transcript.filter((m) => m.text === "une seule fois")).toHaveLength(1);
    expect(transcript.filter((m) => m.text === "Reçu : une seule fois")).toHaveLength(1);
  });

  it("keeps each of 200 interleaved conversations in arrival order", async () => {
    const conversations = 200;
    const perConversation = 4;
    const requests: Promise<unknown>[] = [];
    for (let round = 0; round < perConversation; round++) {
      for (let c = 0; c < conversations; c++) {
        requests.push(
          send(built.app, {
            flowId: "echo",
            from: `order-${c}`,
            messageId: `order-${c}-${round}`,
            text: `c${c} m${round}`,
          }),
        );
      }
    }
    await Promise.all(requests);
    const { inbox, messages } = built.app.store.tables;
    const received = await built.app.store.read((db) =>
      db.select().from(inbox).where(eq(inbox.channel, "rest")).orderBy(asc(inbox.id)),
    );
    for (let c = 0; c < conversations; c++) {
      const mine = received.filter((row) => row.address === `order-${c}`);
      expect(mine).toHaveLength(perConversation);
      const conversationId = mine[0]!.conversationId as string;
      expect(mine.every((row) => row.conversationId === conversationId)).toBe(true);
      const transcript = await built.app.store.read((db) =>
        db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
      );
      // What a message said is its transcript line once answered; its id tells which it was.
      const arrival = mine.map((row) => row.externalId.replace(/^order-(\d+)-(\d+)$/, "c$1 m$2"));
      const said = transcript.filter((m) => m.role === "customer").map((m) => m.text);
      expect(said).toEqual(arrival);
      // The first message starts the flow; every later one is echoed right after it, in order.
      const echoes = transcript.filter((m) => m.role === "bot" && m.text.startsWith("Reçu")).map((m) => m.text);
      expect(echoes).toEqual(arrival.slice(1).map((text) => `Reçu : ${text}`));
    }
  });

  it("refuses an unknown flow with 404", async () => {
    const response = await send(built.app, { flowId: "nope", from: "x", messageId: "u-1", text: "Bonjour" });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("UNKNOWN_FLOW");
  });

  it("answers 400 naming the missing or wrong field", async () => {
    const missing = await send(built.app, { flowId: "echo", from: "x", text: "Bonjour" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain("messageId");
    const wrong = await send(built.app, { flowId: "echo", from: "x", messageId: 42, text: "Bonjour" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain("messageId");
    const neither = await send(built.app, { flowId: "echo", from: "x", messageId: "n-1" });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.message).toContain("text");
  });

  it("answers 413 to an oversized body", async () => {
    const response = await send(built.app, {
      flowId: "echo",
      from: "x",
      messageId: "big",
      text: "a".repeat(built.app.config.bodyLimitBytes + 10),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("TOO_LARGE");
  });

  it("accepts only loopback callers when RELAIS_REST_TOKEN is unset", async () => {
    const response = await built.app.inject({
      method: "POST",
      url: "/api/channels/rest/messages",
      remoteAddress: "203.0.113.9",
      payload: { flowId: "echo", from: "x", messageId: "remote-1", text: "Bonjour" },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("REST channel with a token", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build({ RELAIS_REST_TOKEN: "s3cret-token" });
  });
  afterAll(() => built.close());

  it("requires the bearer token, even from loopback", async () => {
    const payload = { flowId: "echo", from: "x", messageId: "t-1", text: "Bonjour" };
    const without = await built.app.inject({ method: "POST", url: "/api/channels/rest/messages", payload });
    expect(without.statusCode).toBe(401);
    const wrong = await built.app.inject({
      method: "POST",
      url: "/api/channels/rest/messages",
      payload,
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.statusCode).toBe(401);
    const right = await built.app.inject({
      method: "POST",
      url: "/api/channels/rest/messages",
      payload,
      remoteAddress: "203.0.113.9",
      headers: { authorization: "Bearer s3cret-token" },
    });
    expect(right.statusCode).toBe(200);
  });
});
