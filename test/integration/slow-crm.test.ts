import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crmEnv, dirWithLookupFlow, hangingCrm } from "./hanging-crm.js";
import { type Built, build, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_crm");

describe("a CRM that hangs, on PostgreSQL", () => {
  let built: Built;
  let crm: Awaited<ReturnType<typeof hangingCrm>>;
  let dir: string;
  beforeAll(async () => {
    await requirePostgres();
    crm = await hangingCrm();
    dir = dirWithLookupFlow();
    built = await build({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema, ...crmEnv(crm.url) }, { keepDir: dir });
  });
  afterAll(async () => {
    await crm?.close();
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it("holds no database connection while 12 conversations wait on it: an unrelated customer is answered meanwhile", async () => {
    const settled = new Set<string>();
    const waiting = Array.from({ length: 12 }, (_, c) =>
      send(built.app, { flowId: "lookup", from: `crm-${c}`, messageId: `crm-${c}-0`, text: "Bonjour" }).then(
        (answer) => {
          settled.add(`crm-${c}`);
          return answer;
        },
      ),
    );
    await crm.waitingFor(12);
    // More turns wait on the CRM than the pool holds connections; each new message still gets one.
    const unrelated = await send(built.app, { flowId: "echo", from: "crm-other", messageId: "o-0", text: "Bonjour" });
    expect(unrelated.statusCode).toBe(200);
    const next = await send(built.app, { flowId: "echo", from: "crm-other", messageId: "o-1", text: "vite" });
    expect(next.json().replies[0].text).toBe("Reçu : vite");
    expect(crm.answered).toBe(0);
    expect(settled.size).toBe(0);
    crm.release();
    for (const [c, answer] of (await Promise.all(waiting)).entries()) {
      expect(answer.statusCode).toBe(200);
      expect(answer.json().replies[0].text).toBe(`Bonjour crm-${c}`);
    }
    // Each conversation asked the CRM once: the lookup is not repeated to write its result.
    expect(crm.answered).toBe(12);
  });

  it("runs the lookups of 12 conversations agents give back to the bot without holding a connection", async () => {
    // Customers named `down-…` find the CRM failing at once, and a person takes over.
    const customers = Array.from({ length: 12 }, (_, c) => `down-${c}`);
    for (const from of customers) {
      const answer = await send(built.app, { flowId: "lookup", from, messageId: `${from}-0`, text: "Bonjour" });
      expect(answer.json().status).toBe("queued");
    }
    const agent = await userWithRole(built.app, "agent", "crm-agent");
    const held: string[] = [];
    for (let i = 0; i < customers.length; i++) {
      const claim = await built.app.inject({
        method: "POST",
        url: "/api/queues/support/claim",
        headers: { cookie: agent },
      });
      expect(claim.statusCode).toBe(200);
      held.push(claim.json().conversation.id);
    }
    // The agent gives each back at the lookup, and now the CRM hangs for them.
    crm.hold();
    let given = 0;
    const releases = held.map((id) =>
      built.app
        .inject({
          method: "POST",
          url: `/api/conversations/${id}/release`,
          headers: { cookie: agent },
          payload: { nodeId: "lookup" },
        })
        .then((response) => {
          given++;
          return response;
        }),
    );
    await crm.waitingFor(12);
    const unrelated = await send(built.app, {
      flowId: "echo",
      from: "crm-other-2",
      messageId: "o2-0",
      text: "Bonjour",
    });
    expect(unrelated.statusCode).toBe(200);
    expect(given).toBe(0);
    crm.release();
    for (const response of await Promise.all(releases)) expect(response.statusCode).toBe(200);
    const next = await send(built.app, { flowId: "lookup", from: "down-0", messageId: "down-0-1", text: "merci" });
    expect(next.json().replies[0].text).toBe("Reçu : merci");
  });
});
