/**
 * Finding a conversation among 100,000 (issue 14: "results in under a second"), on SQLite, over real
 * HTTP: by the customer's name, e-mail, an order number and words of the transcript, each query's
 * p50 and p99 against a by-id read of one conversation (`GET /api/conversations/:id`) and `/healthz`
 * measured in the same run; PASS/FAIL against the issue's second for each p99.
 *
 * The history is made as a real one would leave it: a few hundred conversations through the REST
 * channel, indexed by the runtime, then copied under new ids (each copy with order numbers and e-mails
 * of its own) in one SQLite transaction, search documents and their FTS5 rows included, so that the
 * runtime finds its index up to date when it starts again.
 * Run alone: `npx tsx test/bench/search.ts`; `BENCH_SMOKE=1` runs it with 2,000 conversations.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { RUNTIME_NODE_FLAGS } from "../../runtime/node-flags.js";
import { BENCH_ADMIN as ADMIN, logIn, quantile } from "./load.js";
import { type ServerProcess, startServer } from "./process.js";
import { type BenchReport, type Check, type Result, runWhenMain } from "./report.js";

const smoke = process.env.BENCH_SMOKE === "1";
const TOTAL = smoke ? 2_000 : 100_000;
const TEMPLATES = smoke ? 50 : 200;
const RUNS = smoke ? 10 : 40;
const BUDGET_MS = 1_000;
const SURNAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"];
const root = fileURLToPath(new URL("../../", import.meta.url));

function startRelais(dir: string): Promise<ServerProcess> {
  return startServer({
    name: "Relais",
    command: process.execPath,
    args: [...RUNTIME_NODE_FLAGS, "--import", "tsx", join(root, "runtime/server.ts")],
    cwd: root,
    env: {
      DATA_DIR: join(dir, "data"),
      FLOWS_DIR: join(dir, "flows"),
      DESIGNER_DIR: join(dir, "no-designer"),
      RELAIS_ADMIN_EMAIL: ADMIN.email,
      RELAIS_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: "warn",
    },
    readyPath: "/healthz",
  });
}

/** Customer `i` tells who they are and what they bought, in words the index must find. */
async function talk(url: string, i: number): Promise<void> {
  const surname = SURNAMES[i % SURNAMES.length];
  const lines = [
    `Bonjour, je suis Camille ${surname}`,
    `Mon e-mail est camille.${surname?.toLowerCase()}${i}@exemple.fr et ma commande CMD-${i} est arrivée avec un colis abîmé`,
  ];
  for (const [n, text] of lines.entries()) {
    const response = await fetch(`${url}/api/channels/rest/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        flowId: "triage",
        from: `+3360000${String(i).padStart(4, "0")}`,
        messageId: `${i}-${n}`,
        text,
      }),
    });
    if (!response.ok) throw new Error(`message ${i}-${n}: ${response.status} ${await response.text()}`);
  }
}

/**
 * Copies the conversations, transcripts, handoffs and search documents `copies` times in one
 * transaction: ids suffixed `~n`, order numbers `CMD-<n>x<i>` and e-mails `…<i>c<n>@…` of their own.
 * Each copied document points at its copied transcript's last line, as the indexer would have left it.
 */
function seed(file: string, copies: number): void {
  const db = new Database(file);
  try {
    const unique = (column: string) =>
      `replace(replace(${column}, 'CMD-', 'CMD-' || copy.n || 'x'), '@exemple', 'c' || copy.n || '@exemple')`;
    const suffixed = (column: string) => `${column} || '~' || copy.n`;
    // Each copy an hour older than the one before: a history of months, not 100,000 customers in one minute.
    const earlier = (column: string) => `${column} - copy.n * 3600000`;
    const TIMES = new Set(["created_at", "updated_at", "at", "conversation_updated_at", "sla_due_at"]);
    const copy = `WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < ${copies})`;
    const columns = (table: string) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number; type: string }[]).filter(
        (column) => !(column.pk && column.type.toUpperCase() === "INTEGER"),
      );
    const copyTable = (table: string, value: (name: string) => string) => {
      const kept = columns(table);
      db.prepare(
        `${copy} INSERT INTO ${table} (${kept.map((c) => `"${c.name}"`).join(", ")})
         SELECT ${kept.map((c) => value(c.name)).join(", ")} FROM copy, ${table} AS src WHERE src.rowid <= ${
           (db.prepare(`SELECT coalesce(max(rowid), 0) AS last FROM ${table}`).get() as { last: number }).last
         }`,
      ).run();
    };
    db.transaction(() => {
      copyTable("conversations", (name) =>
        name === "id" || name === "address"
          ? suffixed(`src.${name}`)
          : TIMES.has(name)
            ? earlier(`src.${name}`)
            : `src."${name}"`,
      );
      copyTable("messages", (name) =>
        name === "conversation_id"
          ? suffixed("src.conversation_id")
          : name === "text"
            ? unique("src.text")
            : `src."${name}"`,
      );
      copyTable("handoffs", (name) =>
        name === "id" || name === "conversation_id"
          ? suffixed(`src.${name}`)
          : TIMES.has(name)
            ? earlier(`src.${name}`)
            : `src."${name}"`,
      );
      copyTable("conversation_search", (name) =>
        name === "conversation_id" || name === "address"
          ? suffixed(`src.${name}`)
          : name === "body" || name === "email"
            ? unique(`src.${name}`)
            : name === "last_message_id"
              ? `(SELECT max(m.id) FROM messages m WHERE m.conversation_id = src.conversation_id || '~' || copy.n)`
              : TIMES.has(name)
                ? earlier(`src.${name}`)
                : `src."${name}"`,
      );
    })();
  } finally {
    db.close();
  }
}

/** `runs` sequential GETs of `path`, each on a connection of its own as a person's browser would open: milliseconds. */
async function time(url: string, path: string, cookie: string, runs: number, check?: (body: string) => void) {
  const took: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie, connection: "close" } });
    const body = await response.text();
    took.push(performance.now() - started);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body}`);
    if (i === 0) check?.(body);
  }
  return { p50: quantile(took, 0.5), p99: quantile(took, 0.99) };
}

async function bench(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "relais-bench-search-"));
  cpSync(join(root, "flows"), join(dir, "flows"), { recursive: true });
  let server = await startRelais(dir);
  try {
    for (let i = 0; i < TEMPLATES; i++) await talk(server.url, i);
    let cookie = await logIn(server.url);
    // The first search brings the index up to date with the conversations just made.
    await time(server.url, "/api/search?q=Bonjour", cookie, 1);
    await server.stop();
    const copies = Math.ceil(TOTAL / TEMPLATES) - 1;
    const seeding = performance.now();
    seed(join(dir, "data", "relais.sqlite"), copies);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const conversations = TEMPLATES * (copies + 1);

    server = await startRelais(dir);
    cookie = await logIn(server.url);
    const first = await fetch(`${server.url}/api/search?q=CMD-7`, { headers: { cookie } });
    const firstBody = await first.text();
    const byId = first.ok ? (JSON.parse(firstBody) as { results: { id: string }[] }).results[0]?.id : undefined;
    if (!byId) throw new Error(`the search found no conversation to read by id: ${first.status} ${firstBody}`);
    const healthz = await time(server.url, "/healthz", cookie, RUNS);
    const read = await time(server.url, `/api/conversations/${encodeURIComponent(byId)}`, cookie, RUNS);
    const found = (count: (n: number) => boolean, what: string) => (body: string) => {
      const { results } = JSON.parse(body) as { results: unknown[] };
      if (!count(results.length)) throw new Error(`${what}: ${results.length} results`);
    };
    const n = Math.min(copies, 7);
    const queries: [string, string, (body: string) => void][] = [
      ["name", "Camille Durand", found((k) => k === 50, "a common name fills the page")],
      ["e-mail", `camille.durand7c${n}@exemple.fr`, found((k) => k === 1, "one customer's e-mail")],
      ["order number", `CMD-${n}x17`, found((k) => k === 1, "one order")],
      ["text", "colis abîmé", found((k) => k === 50, "words of many transcripts")],
    ];
    const figures: [string, string][] = [
      ["conversations", conversations.toLocaleString("en")],
      ["seeding (copies, transcripts, search documents, FTS5)", `${seedSeconds.toFixed(1)} s`],
      ["GET /healthz p50 / p99", `${healthz.p50.toFixed(1)} / ${healthz.p99.toFixed(1)} ms`],
      ["GET /api/conversations/:id p50 / p99", `${read.p50.toFixed(1)} / ${read.p99.toFixed(1)} ms`],
    ];
    const checks: Check[] = [];
    const results: Result[] = [];
    for (const [label, q, check] of queries) {
      const took = await time(server.url, `/api/search?q=${encodeURIComponent(q)}`, cookie, RUNS, check);
      const verdict = took.p99 < BUDGET_MS ? "PASS" : "FAIL";
      figures.push([
        `search by ${label} (“${q}”) p50 / p99`,
        `${took.p50.toFixed(1)} / ${took.p99.toFixed(1)} ms — ${verdict} (p99 under ${BUDGET_MS} ms)`,
      ]);
      // The second the issue allows, over what a by-id read takes on this machine now: the room left.
      checks.push({
        label: `search by ${label} p99 / by-id read p50 (${conversations.toLocaleString("en")} conversations)`,
        ratio: took.p99 / read.p50,
        target: Math.round(BUDGET_MS / Math.max(read.p50, 1)),
        direction: "atMost",
      });
      results.push({
        name: `search ${label} p99 (${conversations} conversations)`,
        value: took.p99,
        unit: "ms",
        baseline: "GET /api/conversations/:id p50",
        baselineValue: read.p50,
        ratio: took.p99 / read.p50,
      });
    }
    return { bench: "search", figures, checks, results };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await runWhenMain(import.meta.url, bench);
