import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

async function escalate(built: Built, from: string) {
  await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
  const answer = await send(built.app, {
    flowId: "escalate",
    from,
    messageId: `${from}-2`,
    text: "mon colis est perdu",
  });
  return (answer.json() as { conversationId: string }).conversationId;
}

const schema = freshSchema("relais_supervision");

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("supervisors take over, reassign and return held conversations on %s", (database, env) => {
  let built: Built;
  let admin: string;
  let alice: string;
  let bruno: string;
  let sophie: string;
  let sam: string;
  const ids: Record<string, string> = {};

  const as = (cookie: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    built.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const assign = (cookie: string, id: string, expected: string | null, to: string | null) =>
    as(cookie, "POST", `/api/conversations/${id}/assign`, { expected, to });
  const transcript = async (id: string) =>
    (await as(admin, "GET", `/api/conversations/${id}`)).json().transcript as {
      role: string;
      text: string;
      event?: { event: string; params: Record<string, unknown> };
    }[];
  /** What people did to the conversation, as transcript events (the bot's handoff left aside). */
  const moves = (lines: Awaited<ReturnType<typeof transcript>>) =>
    lines.flatMap((line) =>
      line.role === "system" && line.event && line.event.event !== "handedOff" ? [line.event] : [],
    );

  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
    alice = await userWithRole(built.app, "agent", "alice");
    bruno = await userWithRole(built.app, "agent", "bruno");
    sophie = await userWithRole(built.app, "supervisor", "sophie");
    sam = await userWithRole(built.app, "supervisor", "sam");
    for (const member of (await as(admin, "GET", "/api/users")).json() as { id: string; name: string }[]) {
      ids[member.name] = member.id;
    }
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  it("lets a supervisor take over Alice's case: Alice is refused, the supervisor answers, the transcript says who did what", async () => {
    const id = await escalate(built, "takeover-1");
    expect((await as(alice, "POST", "/api/queues/support/claim")).json().conversation.id).toBe(id);
    const floor = (await as(sophie, "GET", "/api/supervision/floor")).json();
    const aliceOnFloor = floor.people.find((p: { name: string }) => p.name === "alice");
    expect(aliceOnFloor.holding).toEqual([expect.objectContaining({ conversationId: id, queue: "support" })]);

    expect((await assign(sophie, id, ids.alice!, ids.sophie!)).statusCode).toBe(200);
    const refused = await as(alice, "POST", `/api/conversations/${id}/reply`, { text: "Je reviens" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("sophie");
    expect(
      (await as(sophie, "POST", `/api/conversations/${id}/reply`, { text: "Je prends le relais" })).statusCode,
    ).toBe(200);
    const lines = await transcript(id);
    expect(moves(lines)).toEqual([{ event: "takenOver", params: { by: "sophie", from: "alice" } }]);
    // The customer is told who they talk to now, as when an agent claims.
    expect(lines.filter((line) => line.role === "bot").map((line) => line.text)).toContain(
      "sophie, du service client, prend le relais.",
    );
    expect(lines.at(-1)).toMatchObject({ role: "agent", text: "Je prends le relais" });
  });

  it("reassigns to another agent, then returns to the queue, each with its line; an agent cannot", async () => {
    const id = await escalate(built, "reassign-1");
    await as(alice, "POST", "/api/queues/support/claim");
    expect((await assign(alice, id, ids.alice!, ids.bruno!)).statusCode).toBe(403);
    expect((await assign(sophie, id, ids.alice!, ids.bruno!)).statusCode).toBe(200);
    const mine = (await as(bruno, "GET", "/api/conversations?mine=1")).json() as { id: string }[];
    expect(mine.map((c) => c.id)).toContain(id);
    expect((await as(bruno, "POST", `/api/conversations/${id}/note`, { text: "vu" })).statusCode).toBe(200);

    expect((await assign(admin, id, ids.bruno!, null)).statusCode).toBe(200);
    const queues = (await as(alice, "GET", "/api/queues")).json() as { id: string; waiting: number }[];
    expect(queues.find((q) => q.id === "support")?.waiting).toBe(1);
    expect((await as(alice, "POST", "/api/queues/support/claim")).json().conversation.id).toBe(id);

    expect(moves(await transcript(id))).toEqual([
      { event: "reassigned", params: { by: "sophie", from: "alice", to: "bruno" } },
      { event: "requeued", params: { by: "Administrateur", from: "bruno", queue: "support" } },
    ]);
  });

  it("of two supervisors moving the same case at once, one wins and the other is told who has it", async () => {
    const id = await escalate(built, "race-1");
    await as(alice, "POST", "/api/queues/support/claim");
    const [first, second] = await Promise.all([
      assign(sophie, id, ids.alice!, ids.sophie!),
      assign(sam, id, ids.alice!, ids.bruno!),
    ]);
    const codes = [first.statusCode, second.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    const winner = first.statusCode === 200 ? "sophie" : "bruno";
    expect(loser.json().error).toMatchObject({ code: "MOVED_MEANWHILE" });
    expect(loser.json().error.message).toContain(`${winner} has it now`);
    expect(moves(await transcript(id))).toHaveLength(1);
  });

  it("refuses a move to someone outside the queue, or of a closed conversation", async () => {
    const id = await escalate(built, "bad-1");
    const level2Only = await as(admin, "PUT", `/api/users/${ids.bruno}`, { queues: ["level2"] });
    expect(level2Only.statusCode).toBe(200);
    const outside = await assign(sophie, id, null, ids.bruno!);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error).toMatchObject({ code: "NOT_THEIR_QUEUE" });
    expect(outside.json().error.message).toContain("bruno works the queues level2, not `support`");
    expect((await assign(sophie, id, null, ids.alice!)).statusCode).toBe(200);
    expect((await as(alice, "POST", `/api/conversations/${id}/resolve`, { disposition: "resolved" })).statusCode).toBe(
      200,
    );
    const closed = await assign(sophie, id, ids.alice!, ids.sophie!);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe("NOT_WITH_PEOPLE");
    await as(admin, "PUT", `/api/users/${ids.bruno}`, { queues: [] });
  });

  it("writes the transfer and the give-back to the bot in the transcript as events", async () => {
    const id = await escalate(built, "events-1");
    await as(alice, "POST", "/api/queues/support/claim");
    await as(alice, "POST", `/api/conversations/${id}/transfer`, { queue: "level2", note: "" });
    await as(bruno, "POST", "/api/queues/level2/claim");
    expect((await as(bruno, "POST", `/api/conversations/${id}/release`, { nodeId: "ask" })).statusCode).toBe(200);
    expect(moves(await transcript(id))).toEqual([
      { event: "transferred", params: { agent: "alice", queue: "level2" } },
      { event: "gaveBack", params: { agent: "bruno", nodeId: "ask" } },
    ]);
    const withBot = await assign(sophie, id, null, ids.sophie!);
    expect(withBot.json().error).toMatchObject({ code: "NOT_WITH_PEOPLE" });
  });

  it("refuses to give a case to someone already holding the queue's capacity, unless told to; concurrent gifts never exceed it", async () => {
    await userWithRole(built.app, "agent", "carla");
    const dora = await userWithRole(built.app, "agent", "dora");
    for (const member of (await as(admin, "GET", "/api/users")).json() as { id: string; name: string }[]) {
      ids[member.name] = member.id;
    }
    const routing = { mode: "manual", capacity: 1, allowPicking: true };
    expect((await as(admin, "PUT", "/api/queues/support/routing", routing)).statusCode).toBe(200);
    const [first, second, third, fourth] = [
      await escalate(built, "full-1"),
      await escalate(built, "full-2"),
      await escalate(built, "full-3"),
      await escalate(built, "full-4"),
    ];
    expect((await assign(sophie, first!, null, ids.carla!)).statusCode).toBe(200);
    const full = await assign(sophie, second!, null, ids.carla!);
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({
      code: "AGENT_FULL",
      details: { full: { name: "carla", holding: 1, capacity: 1, queue: "support" } },
    });
    expect(full.json().error.message).toContain("carla already holds 1 conversations");
    const forced = await as(sophie, "POST", `/api/conversations/${second}/assign`, {
      expected: null,
      to: ids.carla,
      force: true,
    });
    expect(forced.statusCode).toBe(200);
    // A takeover is never refused: the supervisor's own hand.
    expect((await assign(sophie, second!, ids.carla!, ids.sophie!)).statusCode).toBe(200);

    const both = await Promise.all([assign(sophie, third!, null, ids.dora!), assign(sam, fourth!, null, ids.dora!)]);
    expect(both.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((answer) => answer.statusCode === 409)?.json().error.code).toBe("AGENT_FULL");
    const doraHolds = (await as(dora, "GET", "/api/conversations?mine=1")).json() as unknown[];
    expect(doraHolds).toHaveLength(1);
    await as(admin, "PUT", "/api/queues/support/routing", { ...routing, capacity: 3 });
  });
});
