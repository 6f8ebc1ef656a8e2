/**
 * `npm run soak -- --minutes N [--kill-every S]`: the runtime (SQLite, or PostgreSQL with
 * DATABASE_URL) as a process of its own, driven over HTTP at 70 % of the peak measured first, and
 * SIGKILLed every S seconds (60 by default), started again at once on the same data. Every message
 * not answered (a cut connection, a refusal) is sent again with the same id, as a provider does. At the
 * end it prints messages accepted, processed exactly once, lost and replies sent twice, from the
 * database; exit 1 unless lost and twice are 0.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { RUNTIME_NODE_FLAGS } from "../../runtime/node-flags.js";
import { exited, freePort, healthy, launch } from "../integration/processes.js";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "5" }, "kill-every": { type: "string", default: "60" } },
});
const minutes = Number(values.minutes);
const killEverySeconds = Number(values["kill-every"]);
if (!(minutes > 0) || !(killEverySeconds > 0)) {
  console.error("--minutes and --kill-every take positive numbers, e.g. npm run soak -- --minutes 10");
  process.exit(2);
}
/** Customers talking at once; each sends its next message once the last one is answered. */
const CUSTOMERS = 50;
const PEAK_SECONDS = 10;
const databaseUrl = process.env.DATABASE_URL;
const schema = `relais_soak_${process.pid}`;
const fixtures = new URL("../integration/fixtures/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "relais-soak-"));
cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
const port = await freePort();
const env = {
  DATA_DIR: join(dir, "data"),
  FLOWS_DIR: join(dir, "flows"),
  DESIGNER_DIR: join(dir, "no-designer"),
  PORT: String(port),
  ...(databaseUrl ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema } : {}),
};

let runtime = launch([...RUNTIME_NODE_FLAGS, "--import", "tsx", "runtime/server.ts"], env);
await healthy(port, runtime.child, runtime.output);
let restarts = 0;
let restarting: Promise<void> | undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer the runtime gave to this message, however many times it had to be sent. */
async function deliver(message: { flowId: string; from: string; messageId: string; text: string }) {
  for (;;) {
    await restarting;
    const response = await fetch(`http://127.0.0.1:${port}/api/channels/rest/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    }).catch(() => undefined);
    if (response?.status === 200) return (await response.json()) as { replies: { text: string }[] };
    if (response) await response.body?.cancel();
    await sleep(response?.status === 503 ? 500 : 50);
  }
}

const accepted = new Set<string>();
let sequence = 0;
/** Runs customers until `until` says stop; `perCustomerGapMs` paces each one's messages. */
async function talk(until: () => boolean, perCustomerGapMs: number, prefix: string) {
  await Promise.all(
    Array.from({ length: CUSTOMERS }, async (_, c) => {
      const from = `${prefix}-${c}`;
      for (let i = 0; !until(); i++) {
        const began = performance.now();
        const messageId = `${from}-${i}-${sequence++}`;
        await deliver({ flowId: "echo", from, messageId, text: messageId });
        accepted.add(messageId);
        const rest = perCustomerGapMs - (performance.now() - began);
        if (rest > 0) await sleep(rest);
      }
    }),
  );
}

// The peak: every customer sending as fast as answers come, nothing killed.
const peakStart = performance.now();
await talk(() => performance.now() - peakStart > PEAK_SECONDS * 1000, 0, "peak");
const peak = accepted.size / ((performance.now() - peakStart) / 1000);
const rate = 0.7 * peak;
console.log(
  `peak ${peak.toFixed(0)} msg/s; soaking at ${rate.toFixed(0)} msg/s for ${minutes} min, SIGKILL every ${killEverySeconds} s`,
);

const soakStart = performance.now();
const over = () => performance.now() - soakStart > minutes * 60_000;
const killer = (async () => {
  for (;;) {
    await sleep(killEverySeconds * 1000);
    if (over()) return;
    let ready!: () => void;
    restarting = new Promise((resolve) => {
      ready = resolve;
    });
    runtime.child.kill("SIGKILL");
    await exited(runtime.child);
    runtime = launch([...RUNTIME_NODE_FLAGS, "--import", "tsx", "runtime/server.ts"], env);
    await healthy(port, runtime.child, runtime.output);
    restarts++;
    restarting = undefined;
    ready();
  }
})();
await talk(over, (CUSTOMERS / rate) * 1000, "soak");
runtime.child.kill("SIGTERM");
await exited(runtime.child);
void killer;

/**
 * Per message id, from the transcript: how often the customer's message and its echo are in it (the
 * transcript is what the retention keeps; inbox rows may be pruned once answered), and the inbox rows.
 */
const query = `
  with said as (select text, count(*) as n from messages where role = 'customer' group by text),
    echoed as (select text, count(*) as n from messages where role = 'bot' group by text),
    received as (select external_id, count(*) as n from inbox group by external_id)
  select s.text as id, s.n as said, coalesce(e.n, 0) as echoed, coalesce(r.n, 0) as rows
  from said s left join echoed e on e.text = 'Reçu : ' || s.text left join received r on r.external_id = s.text`;
type Row = { id: string; said: number; echoed: number; rows: number };
let rows: Row[];
if (databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  rows = (await client.query(query)).rows.map((row) => ({
    id: row.id,
    said: Number(row.said),
    echoed: Number(row.echoed),
    rows: Number(row.rows),
  }));
  await client.query(`drop schema ${schema} cascade`);
  await client.end();
} else {
  const db = new Database(join(dir, "data", "relais.sqlite"), { readonly: true });
  rows = db.prepare(query).all() as Row[];
  db.close();
}
rmSync(dir, { recursive: true, force: true });

const byId = new Map(rows.map((row) => [row.id, row]));
let once = 0;
let lost = 0;
let twice = 0;
for (const id of accepted) {
  const row = byId.get(id);
  // The first message of a conversation starts the flow: it is not echoed.
  const echoes = id.split("-")[2] === "0" ? 0 : 1;
  if (!row) lost++;
  else if (row.said === 1 && row.echoed === echoes && row.rows <= 1) once++;
  if (row && (row.said > 1 || row.echoed > 1)) twice++;
}
console.log(
  `accepted ${accepted.size}, processed exactly once ${once}, lost ${lost}, replies sent twice ${twice} (${restarts} SIGKILLs and restarts, ${databaseUrl ? "PostgreSQL" : "SQLite"})`,
);
process.exit(lost === 0 && twice === 0 && once === accepted.size ? 0 : 1);
