import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_it");

describe("the runtime on PostgreSQL", () => {
  let built: Built;
  beforeAll(async () => {
    await requirePostgres();
    built = await build({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema });
  });
  afterAll(async () => {
    await built?.close();
    await dropSchema(schema);
  });

  it("migrates, publishes the shipped flows and runs conversations with dedupe and order", async () => {
    expect(built.app.store.dialect).toBe("postgres");
    await send(built.app, { flowId: "echo", from: "pg-1", messageId: "pg-1-0", text: "Bonjour" });
    const same = await Promise.all(
      Array.from({ length: 8 }, () =>
        send(built.app, { flowId: "echo", from: "pg-1", messageId: "pg-1-1", text: "un" }),
      ),
    );
    expect(new Set(same.map((r) => r.body)).size).toBe(1);
    expect(same[0]!.json().replies[0].text).toBe("Reçu : un");
    const next = await send(built.app, { flowId: "echo", from: "pg-1", messageId: "pg-1-2", text: "deux" });
    expect(next.json().replies[0].text).toBe("Reçu : deux");
  });

  it("claims atomically with 20 agents", async () => {
    const agents = await Promise.all(
      Array.from({ length: 20 }, (_, i) => userWithRole(built.app, "agent", `pg-agent${i}`)),
    );
    for (let i = 0; i < 12; i++) {
      await send(built.app, { flowId: "escalate", from: `pg-q-${i}`, messageId: `pg-q-${i}-0`, text: "Bonjour" });
      await send(built.app, { flowId: "escalate", from: `pg-q-${i}`, messageId: `pg-q-${i}-1`, text: "aide" });
    }
    const results = await Promise.all(
      agents.map((cookie) =>
        built.app.inject({ method: "POST", url: "/api/queues/support/claim", headers: { cookie } }),
      ),
    );
    const won = results.filter((r) => r.statusCode === 200).map((r) => r.json().conversation.id);
    expect(won).toHaveLength(12);
    expect(new Set(won).size).toBe(12);
  });
});
