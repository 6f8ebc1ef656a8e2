import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_team_report");
const ALWAYS = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [["00:00", "24:00"]]]),
);

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("team reports on %s", (database, env) => {
  let built: Built;
  let admin: string;
  let alice: string;
  const today = new Date().toISOString().slice(0, 10);

  const post = (cookie: string, url: string, payload?: object) =>
    built.app.inject({ method: "POST", url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const escalate = async (from: string) => {
    await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
    const answer = await send(built.app, { flowId: "escalate", from, messageId: `${from}-2`, text: "au secours" });
    return (answer.json() as { conversationId: string }).conversationId;
  };

  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
    alice = await userWithRole(built.app, "agent", "alice");
    const refund = await escalate("+33600000011");
    await post(alice, `/api/conversations/${refund}/pick`);
    await post(alice, `/api/conversations/${refund}/resolve`, { disposition: "refund" });
    const moved = await escalate("+33600000012");
    await post(alice, `/api/conversations/${moved}/pick`);
    await post(alice, `/api/conversations/${moved}/transfer`, { queue: "level2", note: "" });
    await escalate("+33600000013");
    // Alice took a case that reached the queue at 23:30 UTC on 10 March, already 11 March in Paris.
    const lateEvening = await escalate("+33600000014");
    await post(alice, `/api/conversations/${lateEvening}/pick`);
    const { handoffs } = built.app.store.tables;
    await built.app.store.tx((db) =>
      db
        .update(handoffs)
        .set({ createdAt: Date.parse("2026-03-10T23:30:00Z") })
        .where(eq(handoffs.conversationId, lateEvening)),
    );
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  it("counts per queue and per person what was handled, transferred and how it ended", async () => {
    const response = await built.app.inject({
      method: "GET",
      url: `/api/reports/team?from=${today}&to=${today}`,
      headers: { cookie: admin },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    const support = report.queues.find((q: { id: string }) => q.id === "support");
    expect(support).toMatchObject({ handled: 2, slaMet: 2, transfers: 1, dispositions: { refund: 1 } });
    expect(support.medianWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(report.queues.find((q: { id: string }) => q.id === "level2")).toMatchObject({ handled: 0, transfers: 0 });
    expect(report.agents).toEqual([
      expect.objectContaining({ name: "alice", handled: 2, transfers: 1, dispositions: { refund: 1 } }),
    ]);
  });

  it("gives the same as CSV, and refuses agents and a period that ends before it starts", async () => {
    const csv = await built.app.inject({
      method: "GET",
      url: `/api/reports/team.csv?from=${today}&to=${today}`,
      headers: { cookie: admin },
    });
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "scope,id,name,from,to,handled,median_wait_seconds,p90_wait_seconds,median_handling_seconds,p90_handling_seconds,sla_met,transfers,dispositions,satisfaction_answers,satisfaction_average,satisfaction_1,satisfaction_2,satisfaction_3,satisfaction_4,satisfaction_5",
    );
    expect(lines.find((line) => line.startsWith("agent,"))).toMatch(
      /^agent,[0-9a-f-]+,alice,.*,2,1,refund=1,0,,0,0,0,0,0$/,
    );
    const refused = await built.app.inject({
      method: "GET",
      url: `/api/reports/team?from=${today}&to=${today}`,
      headers: { cookie: alice },
    });
    expect(refused.statusCode).toBe(403);
    const backwards = await built.app.inject({
      method: "GET",
      url: "/api/reports/team?from=2026-02-01&to=2026-01-01",
      headers: { cookie: admin },
    });
    expect(backwards.json().error.code).toBe("BAD_PERIOD");
  });

  it("counts the days in the reader's time zone, UTC when none is given, and refuses a zone that is none", async () => {
    const handled = async (day: string, zone?: string) => {
      const query = new URLSearchParams({ from: day, to: day, ...(zone ? { timezone: zone } : {}) });
      const response = await built.app.inject({
        method: "GET",
        url: `/api/reports/team?${query}`,
        headers: { cookie: admin },
      });
      expect(response.statusCode, response.body).toBe(200);
      const report = response.json() as { timezone: string; queues: { id: string; handled: number }[] };
      return { timezone: report.timezone, handled: report.queues.find((queue) => queue.id === "support")?.handled };
    };
    expect(await handled("2026-03-10")).toEqual({ timezone: "UTC", handled: 1 });
    expect(await handled("2026-03-11")).toEqual({ timezone: "UTC", handled: 0 });
    expect(await handled("2026-03-10", "Europe/Paris")).toEqual({ timezone: "Europe/Paris", handled: 0 });
    expect(await handled("2026-03-11", "Europe/Paris")).toEqual({ timezone: "Europe/Paris", handled: 1 });
    const csv = await built.app.inject({
      method: "GET",
      url: "/api/reports/team.csv?from=2026-03-11&to=2026-03-11&timezone=Europe%2FParis",
      headers: { cookie: admin },
    });
    expect(csv.body.split("\r\n").find((line) => line.startsWith("agent,"))).toMatch(/,alice,2026-03-11,2026-03-11,1,/);
    const unknown = await built.app.inject({
      method: "GET",
      url: "/api/reports/team?from=2026-03-11&to=2026-03-11&timezone=Paris",
      headers: { cookie: admin },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: "BAD_TIME_ZONE", message: expect.stringContaining("`Paris`") });
  });

  it("asks the customer's satisfaction on resolve when the queue wants it, records a score given as 4, and not a sentence", async () => {
    const support = (
      (await built.app.inject({ method: "GET", url: "/api/queue-settings", headers: { cookie: admin } })).json() as {
        id: string;
      }[]
    ).find((queue) => queue.id === "support");
    const { id: _id, ...settings } = support as { id: string };
    const saved = await built.app.inject({
      method: "PUT",
      url: "/api/queues/support",
      headers: { cookie: admin },
      payload: { ...settings, hours: ALWAYS, satisfactionSurvey: true },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const rated = await escalate("+33600000021");
    await post(alice, `/api/conversations/${rated}/pick`);
    await post(alice, `/api/conversations/${rated}/resolve`, { disposition: "resolved" });
    const asked = await built.app.inject({
      method: "GET",
      url: `/api/conversations/${rated}`,
      headers: { cookie: admin },
    });
    const lines = asked.json().transcript as { role: string; text: string }[];
    expect(lines.at(-1)).toMatchObject({ role: "bot", text: expect.stringContaining("de 1 (pas du tout) à 5") });

    const answer = await send(built.app, { flowId: "escalate", from: "+33600000021", messageId: "rate-1", text: "4" });
    expect(answer.json()).toMatchObject({
      conversationId: rated,
      status: "closed",
      replies: [{ text: "Merci pour votre note !" }],
    });

    const ignored = await escalate("+33600000022");
    await post(alice, `/api/conversations/${ignored}/pick`);
    await post(alice, `/api/conversations/${ignored}/resolve`, { disposition: "resolved" });
    const sentence = await send(built.app, {
      flowId: "escalate",
      from: "+33600000022",
      messageId: "rate-2",
      text: "Bonjour, j'ai 4 colis",
    });
    // Not a score: the question ends and the message starts a new conversation with the bot.
    expect(sentence.json().conversationId).not.toBe(ignored);
    expect(sentence.json().status).toBe("bot");
    const late = await send(built.app, { flowId: "escalate", from: "+33600000022", messageId: "rate-3", text: "5" });
    expect(late.json().conversationId).toBe(sentence.json().conversationId);

    const report = (
      await built.app.inject({
        method: "GET",
        url: `/api/reports/team?from=${today}&to=${today}`,
        headers: { cookie: admin },
      })
    ).json();
    const expected = { answers: 1, average: 4, scores: [0, 0, 0, 1, 0] };
    expect(report.queues.find((q: { id: string }) => q.id === "support").satisfaction).toEqual(expected);
    expect(report.agents.find((a: { name: string }) => a.name === "alice").satisfaction).toEqual(expected);
    const csv = await built.app.inject({
      method: "GET",
      url: `/api/reports/team.csv?from=${today}&to=${today}`,
      headers: { cookie: admin },
    });
    expect(csv.body.split("\r\n").find((line) => line.startsWith("agent,"))).toMatch(/,1,4,0,0,0,1,0$/);
  });

  it("takes a score given a day after the question as a new conversation's first message", async () => {
    const asked = await escalate("+33600000031");
    await post(alice, `/api/conversations/${asked}/pick`);
    await post(alice, `/api/conversations/${asked}/resolve`, { disposition: "resolved" });
    const { satisfaction } = built.app.store.tables;
    const [question] = await built.app.store.read((db) =>
      db.select().from(satisfaction).where(eq(satisfaction.conversationId, asked)),
    );
    expect(question).toMatchObject({ score: null, endedAt: null });
    await built.app.store.tx((db) =>
      db
        .update(satisfaction)
        .set({ askedAt: Number(question?.askedAt) - 25 * 60 * 60 * 1000 })
        .where(eq(satisfaction.conversationId, asked)),
    );

    const late = await send(built.app, { flowId: "escalate", from: "+33600000031", messageId: "late-1", text: "5" });
    expect(late.json().conversationId).not.toBe(asked);
    expect(late.json().status).toBe("bot");
    const [ended] = await built.app.store.read((db) =>
      db.select().from(satisfaction).where(eq(satisfaction.conversationId, asked)),
    );
    expect(ended?.score).toBeNull();
    expect(ended?.endedAt).not.toBeNull();
  });
});
