import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, fixtures, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { exited, launch } from "./processes.js";

const schema = freshSchema("relais_copy");
const migrated = freshSchema("relais_migrate");

/** Runs the real CLI to its end. */
async function relais(args: string[], env: Record<string, string> = {}) {
  const { child, output } = launch(["runtime/cli/bin.js", ...args], env);
  const code = await exited(child);
  return { code, output: output() };
}

describe("moving an installation from SQLite to PostgreSQL", () => {
  let dir: string;
  const direct = new pg.Client({ connectionString: POSTGRES_URL });
  const answers = new Map<string, string>();
  let claimed = "";
  beforeAll(async () => {
    await requirePostgres();
    await direct.connect();
    dir = mkdtempSync(join(tmpdir(), "relais-copy-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    // An installation with history: conversations, a handoff claimed by an agent, users, versions.
    const sqlite = await build({}, { keepDir: dir });
    for (let c = 0; c < 30; c++) {
      for (let i = 0; i < 4; i++) {
        const messageId = `copy-${c}-${i}`;
        const answer = await send(sqlite.app, { flowId: "echo", from: `copy-${c}`, messageId, text: `c${c} m${i}` });
        answers.set(messageId, answer.body);
      }
    }
    await send(sqlite.app, { flowId: "escalate", from: "copy-person", messageId: "p-0", text: "Bonjour" });
    await send(sqlite.app, { flowId: "escalate", from: "copy-person", messageId: "p-1", text: "aide" });
    const agent = await userWithRole(sqlite.app, "agent", "copy-agent");
    const claim = await sqlite.app.inject({
      method: "POST",
      url: "/api/queues/support/claim",
      headers: { cookie: agent },
    });
    expect(claim.statusCode).toBe(200);
    claimed = claim.json().conversation.id;
    await sqlite.close();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await direct.end();
    await dropSchema(schema);
    await dropSchema(migrated);
  });

  it("relais db migrate brings a database to the latest schema and says where it is", async () => {
    const env = { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: migrated, DATA_DIR: join(dir, "unused") };
    const first = await relais(["db", "migrate"], env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(new RegExp(`schema ${migrated}\\): (\\d+) of \\1 migrations applied, the latest `));
    const { rows } = await direct.query(
      "select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'inbox'",
      [migrated],
    );
    expect(rows[0].n).toBe(1);
    const again = await relais(["db", "migrate"], env);
    expect(again.output).toBe(first.output);
  });

  it("relais db copy moves every row, checks them, and the runtime goes on from there on PostgreSQL", async () => {
    const file = join(dir, "data", "relais.sqlite");
    const copy = await relais(["db", "copy", "--from", file, "--to", POSTGRES_URL, "--schema", schema]);
    expect(copy.code, copy.output).toBe(0);
    expect(copy.output).toContain("the same count in each");
    const source = new Database(file, { readonly: true });
    for (const table of [
      "conversations",
      "messages",
      "inbox",
      "handoffs",
      "users",
      "flow_versions",
      "analytics_conversations",
      "queues",
    ]) {
      const { n } = source.prepare(`select count(*) as n from ${table}`).get() as { n: number };
      const { rows } = await direct.query(`select count(*)::int as n from ${schema}.${table}`);
      expect(rows[0].n, table).toBe(n);
      expect(n, table).toBeGreaterThan(0);
    }
    const lastMessage = source.prepare("select text from messages order by id desc limit 1").get() as { text: string };
    source.close();
    const { rows: last } = await direct.query(`select text from ${schema}.messages order by id desc limit 1`);
    expect(last[0].text).toBe(lastMessage.text);

    const again = await relais(["db", "copy", "--from", file, "--to", POSTGRES_URL, "--schema", schema]);
    expect(again.code).toBe(1);
    expect(again.output).toContain("already holds rows");

    const versions = await direct.query(`select count(*)::int as n from ${schema}.flow_versions`);
    const postgres = await build({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }, { keepDir: dir });
    try {
      // A message sent again gets the answer it got on SQLite; a conversation goes on where it was.
      const retried = await send(postgres.app, {
        flowId: "echo",
        from: "copy-3",
        messageId: "copy-3-2",
        text: "c3 m2",
      });
      expect(retried.body).toBe(answers.get("copy-3-2"));
      const next = await send(postgres.app, { flowId: "echo", from: "copy-3", messageId: "copy-3-4", text: "suite" });
      expect(next.json().conversationId).toBe(JSON.parse(answers.get("copy-3-0") as string).conversationId);
      expect(next.json().replies[0].text).toBe("Reçu : suite");
      // The agent's account and the claimed case came along; nothing was published again.
      const agent = await login(postgres.app, "copy-agent@example.fr", "copy-agent-password-1");
      const mine = await postgres.app.inject({
        method: "GET",
        url: "/api/conversations?mine=1",
        headers: { cookie: agent },
      });
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toContain(claimed);
      const after = await direct.query(`select count(*)::int as n from ${schema}.flow_versions`);
      expect(after.rows[0].n).toBe(versions.rows[0].n);
    } finally {
      await postgres.close();
    }
  });
});
