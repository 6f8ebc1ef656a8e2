import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_team_report");

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
      "scope,id,name,from,to,handled,median_wait_seconds,p90_wait_seconds,median_handling_seconds,p90_handling_seconds,sla_met,transfers,dispositions",
    );
    expect(lines.find((line) => line.startsWith("agent,"))).toMatch(/^agent,[0-9a-f-]+,alice,.*,2,1,refund=1$/);
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
});
