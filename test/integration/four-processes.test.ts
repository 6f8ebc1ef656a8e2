import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, fixtures } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { exited, freePort, healthy, launch } from "./processes.js";

/**
 * The proof of N processes on PostgreSQL: 4 runtime processes, conversations of 10 messages each sent
 * round-robin across them with 5 % sent twice at once to two of them, while one process at a time is
 * SIGKILLed and started again. `RELAIS_PROOF_CONVERSATIONS=2000` runs the full size (default 150, for
 * this suite on a 2-core machine).
 */
const CONVERSATIONS = Number(process.env.RELAIS_PROOF_CONVERSATIONS ?? 150);
const MESSAGES = 10;
const PROCESSES = 4;
/** Conversations under way at once; each sends its next message once the last is answered. */
const IN_FLIGHT = 40;
const schema = freshSchema("relais_proof");

type Answer = { conversationId: string; status: string; replies: { text: string }[] };
interface Runtime {
  port: number;
  child: ChildProcess;
  output: () => string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Every 10th customer is handed to a person at its second message; the others talk to the echo bot. */
const flowOf = (c: number) => (c % 10 === 0 ? "escalate" : "echo");
/** Which messages are also sent a second time at once, to another process: 1 in 20. */
const duplicated = (c: number, i: number) => (c * MESSAGES + i) % 20 === 7;

describe(`${PROCESSES} runtime processes on PostgreSQL, one at a time killed`, () => {
  let dir: string;
  const runtimes: Runtime[] = [];
  const direct = new pg.Client({ connectionString: POSTGRES_URL });
  const env = () => ({
    DATABASE_URL: POSTGRES_URL,
    DATABASE_SCHEMA: schema,
    DATA_DIR: join(dir, "data"),
    FLOWS_DIR: join(dir, "flows"),
    RELAIS_QUEUES_FILE: join(fixtures, "queues.json"),
    RELAIS_ADMIN_EMAIL: ADMIN.email,
    RELAIS_ADMIN_PASSWORD: ADMIN.password,
    DESIGNER_DIR: join(dir, "no-designer"),
  });
  const start = (port: number): Runtime => {
    const { child, output } = launch(["--import", "tsx", "runtime/server.ts"], { ...env(), PORT: String(port) });
    return { port, child, output };
  };

  beforeAll(async () => {
    await requirePostgres();
    await direct.connect();
    dir = mkdtempSync(join(tmpdir(), "relais-proof-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    for (let p = 0; p < PROCESSES; p++) runtimes.push(start(await freePort()));
    await Promise.all(runtimes.map((runtime) => healthy(runtime.port, runtime.child, runtime.output)));
  });
  afterAll(async () => {
    for (const runtime of runtimes) if (runtime.child.exitCode === null) runtime.child.kill("SIGKILL");
    await Promise.all(runtimes.map((runtime) => exited(runtime.child)));
    rmSync(dir, { recursive: true, force: true });
    await direct.end();
    await dropSchema(schema);
  });

  /** Posts to process `p`; a refused or cut connection, or a 503, goes to the next one, as a provider retries. */
  async function post(p: number, path: string, body: unknown, headers: Record<string, string> = {}) {
    for (let attempt = 0; ; attempt++) {
      const runtime = runtimes[(p + attempt) % PROCESSES] as Runtime;
      const response = await fetch(`http://127.0.0.1:${runtime.port}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }).catch(() => undefined);
      if (response && response.status !== 503) return response;
      await pause(50);
    }
  }

  it(`processes ${CONVERSATIONS} conversations × ${MESSAGES} messages exactly once, in order, each escalation claimed once`, {
    timeout: 30 * 60_000,
  }, async () => {
    let sent = 0;
    const answers = new Map<string, Answer>();
    const send = async (c: number, i: number) => {
      const message = { flowId: flowOf(c), from: `proof-${c}`, messageId: `proof-${c}-${i}`, text: `c${c} m${i}` };
      const p = (c + i) % PROCESSES;
      const deliveries = [post(p, "/api/channels/rest/messages", message)];
      if (duplicated(c, i)) deliveries.push(post(p + 1, "/api/channels/rest/messages", message));
      const bodies = await Promise.all(deliveries.map(async (delivery) => (await delivery).text()));
      for (const body of bodies) expect(JSON.parse(body), message.messageId).toEqual(JSON.parse(bodies[0] as string));
      answers.set(message.messageId, JSON.parse(bodies[0] as string) as Answer);
      sent++;
    };
    let next = 0;
    const customer = async () => {
      for (let c = next++; c < CONVERSATIONS; c = next++) for (let i = 0; i < MESSAGES; i++) await send(c, i);
    };
    const sending = Promise.all(Array.from({ length: IN_FLIGHT }, customer));
    // One process at a time: killed at each fifth of the messages, started again on its port.
    const total = CONVERSATIONS * MESSAGES;
    let killed = 0;
    const killer = (async () => {
      for (let k = 0; k < PROCESSES; k++) {
        while (sent < ((k + 1) * total) / (PROCESSES + 1)) await pause(20);
        const runtime = runtimes[k] as Runtime;
        runtime.child.kill("SIGKILL");
        await exited(runtime.child);
        killed++;
        const again = start(runtime.port);
        runtimes[k] = again;
        await healthy(again.port, again.child, again.output);
      }
    })();
    await Promise.all([sending, killer]);
    expect(killed).toBe(PROCESSES);

    for (let c = 0; c < CONVERSATIONS; c++) {
      const first = answers.get(`proof-${c}-0`);
      for (let i = 1; i < MESSAGES; i++) {
        const answer = answers.get(`proof-${c}-${i}`) as Answer;
        expect(answer.conversationId, `proof-${c}-${i}`).toBe(first?.conversationId);
        if (flowOf(c) === "echo") expect(answer.replies[0]?.text).toBe(`Reçu : c${c} m${i}`);
        else expect(answer.status).toBe("queued");
      }
    }
    const inbox = await direct.query<{ all: string; done: string; dead: string }>(
      `select count(*) as all, count(processed_at) as done, count(dead_at) as dead from ${schema}.inbox`,
    );
    expect(inbox.rows[0]).toEqual({ all: String(total), done: String(total), dead: "0" });
    const conversations = await direct.query<{ address: string; id: string }>(
      `select address, id from ${schema}.conversations where address like 'proof-%'`,
    );
    expect(conversations.rows).toHaveLength(CONVERSATIONS);
    const transcripts = await direct.query<{ address: string; role: string; text: string }>(
      `select c.address, m.role, m.text from ${schema}.messages m join ${schema}.conversations c on c.id = m.conversation_id
       where c.address like 'proof-%' order by m.id`,
    );
    const byCustomer = new Map<string, { role: string; text: string }[]>();
    for (const row of transcripts.rows) byCustomer.set(row.address, [...(byCustomer.get(row.address) ?? []), row]);
    for (let c = 0; c < CONVERSATIONS; c++) {
      const lines = byCustomer.get(`proof-${c}`) ?? [];
      const sentTexts = Array.from({ length: MESSAGES }, (_, i) => `c${c} m${i}`);
      // Every message once, in the order sent; every reply once, right after its message.
      expect(lines.filter((line) => line.role === "customer").map((line) => line.text)).toEqual(sentTexts);
      if (flowOf(c) === "echo") {
        const echoes = lines.filter((line) => line.role === "bot" && line.text.startsWith("Reçu"));
        expect(echoes.map((line) => line.text)).toEqual(sentTexts.slice(1).map((text) => `Reçu : ${text}`));
      }
    }
    const handoffs = await direct.query<{ address: string; queue: string }>(
      `select c.address, h.queue from ${schema}.handoffs h join ${schema}.conversations c on c.id = h.conversation_id`,
    );
    const escalated = Array.from({ length: CONVERSATIONS }, (_, c) => c)
      .filter((c) => flowOf(c) === "escalate")
      .map((c) => `proof-${c}`);
    expect(handoffs.rows.map((row) => row.address).sort()).toEqual([...escalated].sort());
    expect(new Set(handoffs.rows.map((row) => row.queue))).toEqual(new Set(["support"]));

    // Agents on every process claim until the queue is empty: each case goes to one of them, once.
    const login = await post(0, "/api/auth/login", ADMIN);
    const admin = login.headers
      .getSetCookie()
      .map((cookie) => cookie.split(";")[0])
      .join("; ");
    const agents: string[] = [];
    for (let a = 0; a < PROCESSES; a++) {
      const email = `proof-agent-${a}@example.fr`;
      const password = `proof-agent-${a}-password`;
      const created = await post(
        0,
        "/api/users",
        { email, name: `Agent ${a}`, role: "agent", password },
        { cookie: admin },
      );
      expect(created.status).toBe(201);
      const session = await post(a, "/api/auth/login", { email, password });
      agents.push(
        session.headers
          .getSetCookie()
          .map((cookie) => cookie.split(";")[0])
          .join("; "),
      );
    }
    const claimed: string[] = [];
    await Promise.all(
      agents.map(async (cookie, a) => {
        for (;;) {
          const response = await post(a, "/api/queues/support/claim", {}, { cookie });
          if (response.status === 204) return;
          expect(response.status).toBe(200);
          claimed.push(((await response.json()) as { conversation: { id: string } }).conversation.id);
        }
      }),
    );
    const ids = new Map(conversations.rows.map((row) => [row.address, row.id]));
    expect(claimed.sort()).toEqual(escalated.map((address) => ids.get(address)).sort());
  });
});
