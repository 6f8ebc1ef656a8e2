import type { FastifyInstance } from "fastify";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

/** Every log line the app writes from now on. */
function captureLog(app: FastifyInstance): string[] {
  const lines: string[] = [];
  const stream = (app.log as unknown as Record<symbol, { write: (line: string) => void }>)[pino.symbols.streamSym];
  if (!stream) throw new Error("the app's logger has no stream");
  stream.write = (line: string) => {
    lines.push(line);
  };
  return lines;
}

const dialects = [
  { name: "SQLite", env: {} as Record<string, string> },
  { name: "PostgreSQL", env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema("relais_dedupe") } },
];

describe.each(dialects)("dedupe per sender, on $name", ({ name, env }) => {
  let built: Built;
  beforeAll(async () => {
    if (name === "PostgreSQL") await requirePostgres();
    built = await build(env);
  });
  afterAll(async () => {
    await built?.close();
    if (env.DATABASE_SCHEMA) await dropSchema(env.DATABASE_SCHEMA);
  });

  it("never gives one customer another's answer when both use the same message id", async () => {
    await send(built.app, { flowId: "echo", from: "alice", messageId: "1", text: "Bonjour" });
    await send(built.app, { flowId: "echo", from: "bob", messageId: "1", text: "Bonjour" });
    const alice = await send(built.app, { flowId: "echo", from: "alice", messageId: "42", text: "mon colis" });
    const bob = await send(built.app, { flowId: "echo", from: "bob", messageId: "42", text: "ma facture" });
    expect(alice.json().replies[0].text).toBe("Reçu : mon colis");
    expect(bob.json().replies[0].text).toBe("Reçu : ma facture");
    expect(bob.json().conversationId).not.toBe(alice.json().conversationId);
    // The same sender's retry is still answered once, from the inbox.
    const again = await send(built.app, { flowId: "echo", from: "bob", messageId: "42", text: "ma facture" });
    expect(again.body).toBe(bob.body);
  });

  // drizzle writes a failed query's parameters into its error on PostgreSQL.
  it.runIf(name === "PostgreSQL")("keeps what customers wrote out of the log when a query fails", async () => {
    const lines = captureLog(built.app);
    await send(built.app, { flowId: "echo", from: "log-1", messageId: "m-1", text: "Bonjour" });
    // The store refuses this one message when it is written, so the query fails with its parameters.
    const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${env.DATABASE_SCHEMA}` });
    await client.connect();
    await client.query(
      `CREATE FUNCTION refuse_secret() RETURNS trigger AS $$ BEGIN IF NEW.text LIKE '%4242%' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
       CREATE TRIGGER refuse_secret BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION refuse_secret();`,
    );
    try {
      const response = await send(built.app, {
        flowId: "echo",
        from: "log-1",
        messageId: "m-2",
        text: "mon code secret 4242",
      });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain("4242");
    } finally {
      await client.query("DROP TRIGGER refuse_secret ON messages");
      await client.end();
    }
    const errors = lines.filter((line) => JSON.parse(line).level >= 50);
    expect(errors.join("\n")).toContain("insert into");
    expect(lines.join("\n")).not.toContain("4242");
  });
});

describe("request edges", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(() => built.close());

  it("refuses an unknown body field with a 400 that names it", async () => {
    const response = await send(built.app, {
      flowId: "echo",
      from: "extra-1",
      messageId: "m-1",
      text: "Bonjour",
      txet: "faute de frappe",
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toContain("`txet`");
    expect(error.problems[0]).toMatchObject({ pointer: "/txet", code: "request/additionalProperties" });
  });

  it("answers too many requests with RATE_LIMITED", async () => {
    const post = () =>
      built.app.inject({
        method: "POST",
        url: "/api/channels/webchat/echo/messages",
        payload: { session: "r".repeat(20), messageId: `m-${Math.random()}`, text: "Bonjour" },
        remoteAddress: "10.9.8.7",
      });
    let last = await post();
    for (let i = 0; i < 70 && last.statusCode !== 429; i++) last = await post();
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe("RATE_LIMITED");
  });

  it("acknowledges a message only once its commit is flushed to disk", async () => {
    const store = built.app.store;
    const flush = store.durable;
    let asked = 0;
    store.durable = async () => {
      asked += 1;
      throw new Error("the disk did not confirm the write");
    };
    const message = { flowId: "echo", from: "durable-1", messageId: "m-1", text: "Bonjour" };
    try {
      const unconfirmed = await send(built.app, message);
      expect(asked).toBe(1);
      expect(unconfirmed.statusCode).toBe(500);
    } finally {
      store.durable = flush;
    }
    // The provider's retry is answered from the inbox once the flush succeeds, processed once.
    const retried = await send(built.app, message);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().replies[0].text).toBe("Dites quelque chose");
    await expect(built.app.store.durable()).resolves.toBeUndefined();
  });
});
