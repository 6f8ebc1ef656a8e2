import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

async function escalate(built: Built, from: string, text = "mon colis est perdu") {
  await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
  const answer = await send(built.app, { flowId: "escalate", from, messageId: `${from}-2`, text });
  return (answer.json() as { conversationId: string }).conversationId;
}

interface Summary {
  id: string;
  channel: string;
  customer: { name: string | null; address: string };
  lastMessage: { role: string; text: string; at: number } | null;
  unanswered: number;
  handoff: { queue: string; priority: string; reason: { kind: string }; slaDueAt: number } | null;
}

const schema = freshSchema("relais_lists");

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("conversation lists that tell whom, why and what was said last on %s", (database, env) => {
  let built: Built;
  let alice: string;
  let bruno: string;
  const get = async (cookie: string, url: string) =>
    (await built.app.inject({ method: "GET", url, headers: { cookie } })).json() as Summary[];
  const post = (cookie: string, url: string, payload?: object) =>
    built.app.inject({ method: "POST", url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    alice = await userWithRole(built.app, "agent", "alice");
    bruno = await userWithRole(built.app, "agent", "bruno");
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  it("lists a queue's waiting cases with the address, channel, last message, reason and SLA; one can be picked", async () => {
    const first = await escalate(built, "+33600000001", "premier");
    const second = await escalate(built, "+33600000002", "second");
    const waiting = await get(alice, "/api/queues/support/waiting");
    expect(waiting.map((row) => row.id)).toEqual([first, second]);
    expect(waiting[1]).toMatchObject({
      channel: "rest",
      customer: { name: null, address: "+33600000002" },
      lastMessage: { role: "bot", text: "Un conseiller arrive." },
      unanswered: 0,
      handoff: { queue: "support", priority: "normal", reason: { kind: "node" } },
    });
    expect(waiting[1]!.handoff!.slaDueAt).toBeGreaterThan(Date.now());

    const [mine, theirs] = await Promise.all([
      post(alice, `/api/conversations/${second}/pick`),
      post(bruno, `/api/conversations/${second}/pick`),
    ]);
    expect([mine.statusCode, theirs.statusCode].sort()).toEqual([200, 409]);
    const loser = mine.statusCode === 409 ? mine : theirs;
    expect(loser.json().error).toMatchObject({ code: "NOT_WAITING" });
    expect(loser.json().error.message).toMatch(/^(alice|bruno) took this conversation first\.$/);
    expect((await get(alice, "/api/queues/support/waiting")).map((row) => row.id)).toEqual([first]);
  });

  it("counts what the customer wrote since the agent last answered, and shows it as the last message", async () => {
    const id = await escalate(built, "+33600000003");
    expect((await post(alice, `/api/conversations/${id}/pick`)).statusCode).toBe(200);
    await send(built.app, { flowId: "escalate", from: "+33600000003", messageId: "u-1", text: "vous êtes là ?" });
    await send(built.app, { flowId: "escalate", from: "+33600000003", messageId: "u-2", text: "allô ?" });
    let row = (await get(alice, "/api/conversations?mine=1")).find((item) => item.id === id);
    expect(row).toMatchObject({ unanswered: 2, lastMessage: { role: "customer", text: "allô ?" } });
    await post(alice, `/api/conversations/${id}/reply`, { text: "Oui, je regarde." });
    row = (await get(alice, "/api/conversations?mine=1")).find((item) => item.id === id);
    expect(row).toMatchObject({ unanswered: 0, lastMessage: { role: "agent", text: "Oui, je regarde." } });
  });

  it("refuses to list or pick from a queue the agent does not work", async () => {
    const level2Only = await userWithRole(built.app, "agent", "carla");
    const admin = await import("./helpers.js").then((h) => h.login(built.app, h.ADMIN.email, h.ADMIN.password));
    const users = (await built.app.inject({ method: "GET", url: "/api/users", headers: { cookie: admin } })).json();
    const carla = users.find((user: { name: string }) => user.name === "carla");
    await built.app.inject({
      method: "PUT",
      url: `/api/users/${carla.id}`,
      headers: { cookie: admin },
      payload: { queues: ["level2"] },
    });
    const id = await escalate(built, "+33600000004");
    const listed = await built.app.inject({
      method: "GET",
      url: "/api/queues/support/waiting",
      headers: { cookie: level2Only },
    });
    expect(listed.statusCode).toBe(403);
    expect((await post(level2Only, `/api/conversations/${id}/pick`)).statusCode).toBe(404);
  });
});
