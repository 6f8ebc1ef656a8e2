import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole, waitingInboxRow } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

/** A row a store took in but that fails every time it is processed, as a NUL byte did on PostgreSQL. */
function poisonRow(app: FastifyInstance, from: string, payload: string) {
  return waitingInboxRow(app, { address: from, externalId: `${from}-poison`, payload, receivedAt: 1 });
}

const dialects = [
  // SQLite keeps a NUL byte, so its failing row is one that does not parse.
  { name: "SQLite", env: {} as Record<string, string>, poison: "{not json" },
  {
    name: "PostgreSQL",
    env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema("relais_nul") },
    poison: JSON.stringify({ text: "abc\u0000def" }),
  },
];

describe.each(dialects)("text a store cannot hold, on $name", ({ name, env, poison }) => {
  let built: Built;
  beforeAll(async () => {
    if (name === "PostgreSQL") await requirePostgres();
    built = await build(env);
  });
  afterAll(async () => {
    await built?.close();
    if (env.DATABASE_SCHEMA) await dropSchema(env.DATABASE_SCHEMA);
  });

  it("refuses a NUL or a lone surrogate in any field of the REST channel with a 400 naming the field", async () => {
    const cases = [
      { field: "text", body: { from: "nul-1", messageId: "m-1", text: "abc\u0000def" }, why: "NUL" },
      { field: "from", body: { from: "nul-\uD800", messageId: "m-1", text: "Bonjour" }, why: "surrogate" },
      { field: "messageId", body: { from: "nul-2", messageId: "m\u0000", text: "Bonjour" }, why: "NUL" },
      { field: "text", body: { from: "nul-3", messageId: "m-1", text: "a\uDFFFb" }, why: "surrogate" },
    ];
    for (const { field, body, why } of cases) {
      const response = await send(built.app, { flowId: "echo", ...body });
      expect(response.statusCode, field).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain(`\`${field}\``);
      expect(error.message).toContain(why);
      expect(error.problems[0]).toMatchObject({ file: "body", pointer: `/${field}` });
    }
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await send(built.app, { flowId: "echo", from: "nul-4", messageId: "m-1", text: "Bonjour 😀" });
    expect(emoji.statusCode).toBe(200);
    const { inbox } = built.app.store.tables;
    const stored = await built.app.store.read((db) => db.select().from(inbox));
    expect(stored.map((row) => row.address)).not.toContain("nul-1");
  });

  it("refuses it on the web chat and in an agent's reply and note", async () => {
    const webchat = await built.app.inject({
      method: "POST",
      url: "/api/channels/webchat/echo/messages",
      payload: { session: "s".repeat(20), messageId: "w-1", text: "x\u0000y" },
    });
    expect(webchat.statusCode).toBe(400);
    expect(webchat.json().error.message).toContain("`text`");

    await send(built.app, { flowId: "escalate", from: "nul-agent", messageId: "a-1", text: "Bonjour" });
    const { conversationId } = (
      await send(built.app, { flowId: "escalate", from: "nul-agent", messageId: "a-2", text: "aide" })
    ).json();
    const agent = await userWithRole(built.app, "agent", `nul-agent-${name.toLowerCase()}`);
    await built.app.inject({ method: "POST", url: "/api/queues/support/claim", headers: { cookie: agent } });
    for (const action of ["reply", "note"]) {
      const response = await built.app.inject({
        method: "POST",
        url: `/api/conversations/${conversationId}/${action}`,
        headers: { cookie: agent },
        payload: { text: "bonjour\u0000" },
      });
      expect(response.statusCode, action).toBe(400);
      expect(response.json().error.problems[0].pointer).toBe("/text");
    }
    const fine = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${conversationId}/reply`,
      headers: { cookie: agent },
      payload: { text: "Je regarde." },
    });
    expect(fine.statusCode).toBe(200);
  });

  it("sets a row that keeps failing aside, shows it to admins, and lets its sender go on", async () => {
    const first = await send(built.app, { flowId: "echo", from: "poisoned", messageId: "p-1", text: "Bonjour" });
    expect(first.statusCode).toBe(200);
    const poisonId = await poisonRow(built.app, "poisoned", poison);
    const next = await send(built.app, { flowId: "echo", from: "poisoned", messageId: "p-2", text: "encore" });
    expect(next.statusCode).toBe(200);
    expect(next.json().replies[0].text).toBe("Reçu : encore");

    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const listed = await built.app.inject({
      method: "GET",
      url: "/api/inbox/dead-letters",
      headers: { cookie: admin },
    });
    expect(listed.statusCode).toBe(200);
    const [dead] = listed.json();
    expect(dead).toMatchObject({ id: poisonId, address: "poisoned", attempts: 3, externalId: "poisoned-poison" });
    expect(dead.error.length).toBeGreaterThan(0);
    const agent = await userWithRole(built.app, "agent", `dead-agent-${name.toLowerCase()}`);
    const forbidden = await built.app.inject({
      method: "GET",
      url: "/api/inbox/dead-letters",
      headers: { cookie: agent },
    });
    expect(forbidden.statusCode).toBe(403);
    const metrics = await built.app.metrics.registry.getSingleMetricAsString("relais_dead_letter_messages_total");
    expect(metrics).toContain('relais_dead_letter_messages_total{channel="rest"} 1');

    // The provider retrying the set-aside message gets a clear refusal, not a silent empty answer.
    const { inbox } = built.app.store.tables;
    const [row] = await built.app.store.read((db) => db.select().from(inbox).where(eq(inbox.id, poisonId)));
    expect(row?.processedAt).toBeNull();
    const retry = await send(built.app, { flowId: "echo", from: "poisoned", messageId: "poisoned-poison", text: "x" });
    expect(retry.statusCode).toBe(500);
    expect(retry.json().error.code).toBe("NOT_PROCESSED");
  });

  it("starts with a failing row pending and processes the others", async () => {
    const restartEnv = { ...env };
    await send(built.app, { flowId: "echo", from: "before-start", messageId: "b-1", text: "Bonjour" });
    await poisonRow(built.app, "at-start", poison);
    await waitingInboxRow(built.app, {
      address: "before-start",
      externalId: "b-2",
      payload: JSON.stringify({ text: "pendant l'arrêt" }),
      receivedAt: 2,
    });
    await built.app.close();
    built = await build(restartEnv, { keepDir: built.dir });
    const { inbox } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(inbox));
    expect(rows.find((row) => row.externalId === "at-start-poison")?.deadAt).not.toBeNull();
    const resumed = rows.find((row) => row.externalId === "b-2");
    expect(resumed?.processedAt).not.toBeNull();
    const retried = await send(built.app, {
      flowId: "echo",
      from: "before-start",
      messageId: "b-2",
      text: "pendant l'arrêt",
    });
    expect(retried.json().replies[0].text).toBe("Reçu : pendant l'arrêt");
  });
});
