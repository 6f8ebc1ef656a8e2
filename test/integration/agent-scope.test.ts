import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, listenOnLoopback, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { openSse } from "./sse-client.js";

const schema = freshSchema("relais_scope");

/** Agents see the conversations of the queues they work and those they hold; admins see all. */
describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("what an agent sees on %s", (database, env) => {
  let built: Built;
  let base: string;
  let admin: string;
  let agent: string;
  let inSupport: string;
  let inLevel2: string;
  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    base = await listenOnLoopback(built.app);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
    agent = await userWithRole(built.app, "agent", "support-only");
    const users = (await built.app.inject({ method: "GET", url: "/api/users", headers: { cookie: admin } })).json();
    const id = users.find((user: { email: string }) => user.email === "support-only@example.fr").id;
    await built.app.inject({
      method: "PUT",
      url: `/api/users/${id}`,
      headers: { cookie: admin },
      payload: { queues: ["support"] },
    });
    const escalate = async (from: string) => {
      await send(built.app, { flowId: "escalate", from, messageId: `${from}-0`, text: "Bonjour" });
      return (await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "aide" })).json()
        .conversationId as string;
    };
    inLevel2 = await escalate("scope-l2");
    inSupport = await escalate("scope-support");
    for (;;) {
      const claimed = await built.app.inject({
        method: "POST",
        url: "/api/queues/support/claim",
        headers: { cookie: admin },
      });
      if (claimed.json().conversation.id === inLevel2) break;
    }
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${inLevel2}/transfer`,
      headers: { cookie: admin },
      payload: { queue: "level2", note: "pour le niveau 2" },
    });
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  const as = (cookie: string, method: "GET" | "POST", url: string, payload?: object) =>
    built.app.inject({ method, url, payload, headers: { cookie } });

  it("reads and annotates its queues' conversations, never another queue's", async () => {
    expect((await as(agent, "GET", `/api/conversations/${inSupport}`)).statusCode).toBe(200);
    expect((await as(agent, "GET", `/api/conversations/${inLevel2}`)).statusCode).toBe(404);
    expect((await as(agent, "POST", `/api/conversations/${inLevel2}/note`, { text: "vu" })).statusCode).toBe(404);
    const listed = (await as(agent, "GET", "/api/conversations")).json().map((c: { id: string }) => c.id);
    expect(listed).toContain(inSupport);
    expect(listed).not.toContain(inLevel2);
    const all = (await as(admin, "GET", "/api/conversations")).json().map((c: { id: string }) => c.id);
    expect(all).toEqual(expect.arrayContaining([inSupport, inLevel2]));
    expect((await as(admin, "GET", `/api/conversations/${inLevel2}`)).statusCode).toBe(200);
  });

  it("hears live only of its queues' conversations", async () => {
    const agentEvents = await openSse(`${base}/api/events`, { cookie: agent });
    const adminEvents = await openSse(`${base}/api/events`, { cookie: admin });
    await send(built.app, { flowId: "escalate", from: "scope-l2", messageId: "scope-l2-2", text: "mon IBAN est FR76" });
    await send(built.app, {
      flowId: "escalate",
      from: "scope-support",
      messageId: "scope-support-2",
      text: "toujours là ?",
    });
    await adminEvents.next((event) => event.data.includes("mon IBAN"));
    await agentEvents.next((event) => event.data.includes("toujours là"));
    expect(agentEvents.events.map((event) => event.data).join("\n")).not.toContain(inLevel2);
    agentEvents.close();
    adminEvents.close();
  });
});
