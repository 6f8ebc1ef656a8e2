/**
 * Scale-out over real HTTP on loopback: the REST channel on the shipped `triage` flow with 1,000
 * conversations over 100 connections, served by 1, 2 and 4 processes on PostgreSQL (`relais start
 * --workers N`, each on a schema of its own), against one process on SQLite, in interleaved rounds
 * (min / median / max). PostgreSQL is `BENCH_DATABASE_URL`, else `TEST_DATABASE_URL`, else the local
 * test database. Run alone: `npx tsx test/bench/runtime-pg.ts`; `BENCH_SMOKE=1` runs it short;
 * `BENCH_ROUNDS` (3), `BENCH_ROUND_SECONDS` (5) and `BENCH_WARMUP_SECONDS` (3, before each round) change it.
 * Each figure also gives the CPU a message cost the server's processes (user + system, from /proc) and,
 * when PostgreSQL runs on this machine, its backends serving them (found by application name).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { Customers, drive, spread } from "./load.js";
import { type ServerProcess, startServer } from "./process.js";
import type { BenchReport, Check, Result } from "./report.js";
import { runWhenMain } from "./report.js";

const smoke = process.env.BENCH_SMOKE === "1";
const ROUNDS = smoke ? 1 : Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = smoke ? 5 : Number(process.env.BENCH_ROUND_SECONDS ?? 5);
/** Load before each round, not counted: each process compiles its hot code (JIT) during it, on its share. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = 100;
const CONVERSATIONS = 1_000;
const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const root = fileURLToPath(new URL("../../", import.meta.url));
const PATH = "/api/channels/rest/messages";

interface Setup {
  name: string;
  workers: number;
  postgres: boolean;
}

const setups: Setup[] = [
  { name: "SQLite, 1 process", workers: 1, postgres: false },
  { name: "PostgreSQL, 1 process", workers: 1, postgres: true },
  { name: "PostgreSQL, 2 processes", workers: 2, postgres: true },
  { name: "PostgreSQL, 4 processes", workers: 4, postgres: true },
];

const roundTripCounter = fileURLToPath(new URL("./pg-round-trips.mjs", import.meta.url));
const roundTripsDir = (dir: string) => join(dir, "round-trips");
/** Statements sent to PostgreSQL so far by every server process started in `dir`. */
function roundTrips(dir: string): number {
  // A counter writes `<name>.tmp` then renames it over `<name>` (see pg-round-trips.mjs).
  const files = readdirSync(roundTripsDir(dir)).filter((file) => !file.endsWith(".tmp"));
  return files.reduce((sum, file) => sum + Number(readFileSync(join(roundTripsDir(dir), file), "utf8") || 0), 0);
}

const CLOCK_TICKS = 100;
/** CPU seconds (user + system) `pid` and its descendants have used so far; 0 for a process gone or not here. */
function treeCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    const childrenFile = `/proc/${pid}/task/${pid}/children`;
    const children = existsSync(childrenFile)
      ? readFileSync(childrenFile, "utf8").trim().split(/\s+/).filter(Boolean)
      : [];
    return own + children.reduce((sum, child) => sum + treeCpuSeconds(Number(child)), 0);
  } catch {
    return 0;
  }
}
/** The application name the server's connections give PostgreSQL (PGAPPNAME), to find their backends. */
const appNameOf = (setup: Setup) => `relais-bench-${setup.workers}-${process.pid}`;
/** The process ids of the PostgreSQL backends serving `setup`'s server (empty when PostgreSQL is elsewhere). */
async function backendsOf(setup: Setup): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "select pid from pg_stat_activity where application_name = $1",
      [appNameOf(setup)],
    );
    return rows.map((row) => row.pid).filter((pid) => existsSync(`/proc/${pid}`));
  } finally {
    await client.end();
  }
}

const schemaOf = (setup: Setup) => `relais_bench_${setup.workers}_${process.pid}`;

async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const setup of setups)
    if (setup.postgres) await client.query(`drop schema if exists ${schemaOf(setup)} cascade`);
  await client.end();
}

function start(setup: Setup, dir: string): Promise<ServerProcess> {
  return startServer({
    name: setup.name,
    command: process.execPath,
    args: [join(root, "runtime/cli/bin.js"), "start", "--workers", String(setup.workers)],
    cwd: root,
    env: {
      DATA_DIR: join(dir, "data"),
      FLOWS_DIR: join(dir, "flows"),
      DESIGNER_DIR: join(dir, "no-designer"),
      // Every statement sent to PostgreSQL is counted (see pg-round-trips.mjs), in each worker too.
      ...(setup.postgres
        ? { NODE_OPTIONS: `--import ${roundTripCounter}`, PG_ROUND_TRIPS_DIR: roundTripsDir(dir) }
        : {}),
      RELAIS_ADMIN_EMAIL: "bench@example.fr",
      RELAIS_ADMIN_PASSWORD: "bench-password-1",
      LOG_LEVEL: "warn",
      ...(setup.postgres
        ? { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schemaOf(setup), PGAPPNAME: appNameOf(setup) }
        : { DATABASE_URL: "" }),
    },
    readyPath: "/healthz",
  });
}

/**
 * Resolves once each of the server's `workers` processes has started. `/healthz` answers as soon as the
 * first is listening, while the others still wait for their turn to start (one migrates at a time): the
 * load's keep-alive connections, all opened at once, would then all go to the first, and the round would
 * measure one process however many were started (and the late ones resume the first one's messages in
 * flight). Each process listens for live events on a connection of its own once it has migrated, and
 * holds the start-up lock until it is ready, so: one listener per process, and nobody holding the lock.
 */
async function allWorkersStarted(setup: Setup): Promise<void> {
  if (!setup.postgres) return;
  const schema = schemaOf(setup);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      const { rows } = await client.query<{ listening: number; starting: number }>(
        `select (select count(*) from pg_stat_activity where query = $1)::int as listening,
          (select count(*) from pg_locks where locktype = 'advisory' and objsubid = 1
            and ((classid::bigint << 32) | objid::bigint) = hashtextextended($2, 0))::int as starting`,
        [`LISTEN "relais_${schema}"`, `relais:startup:${schema}`],
      );
      const [row] = rows;
      if (row && row.listening >= setup.workers && row.starting === 0) break;
      if (attempt > 3000) throw new Error(`${setup.name}: not every process started within 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
  // From ready to listening: the port is taken right after start-up.
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

export async function runtimePgBench(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), "relais-bench-pg-"));
  cpSync(join(root, "flows"), join(dir, "flows"), { recursive: true });
  mkdirSync(roundTripsDir(dir));
  const perMessage = new Map<string, number[]>();
  const nodeCpu = new Map<string, number[]>();
  const serverCpu = new Map<string, number[]>();
  const servers: ServerProcess[] = [];
  try {
    await dropSchemas();
    const perSecond = new Map<string, number[]>();
    const p99 = new Map<string, number[]>();
    const customers = new Map(
      setups.map((setup, i) => [setup.name, new Customers(`pg-bench-${i}`, CONVERSATIONS)] as const),
    );
    // One setup up at a time: each process opens up to 21 connections, and 1 + 2 + 4 processes at once
    // would pass PostgreSQL's default 100. Each round starts each setup again on its data.
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, setup] of setups.entries()) {
        const server = await start(setup, dir);
        servers.push(server);
        await allWorkersStarted(setup);
        const url = `${server.url}${PATH}`;
        // A bench of errors measures nothing: the bot must answer first.
        const answered = async (name: string) => {
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: new Customers(name, 1).next(0),
          });
          const body = await response.text();
          if (response.status !== 200) {
            throw new Error(`${setup.name}: expected the bot to answer, got ${response.status} ${body}`);
          }
        };
        await answered(`pg-check-${round}-${i}`);
        // Warm-up: JIT, pools, compiled flows; not counted. What it left queued is answered before the round.
        await drive(url, new Customers(`pg-warm-${round}-${i}`, CONNECTIONS), {
          connections: CONNECTIONS,
          seconds: WARM_UP_SECONDS,
          warmUp: true,
        });
        await answered(`pg-drained-${round}-${i}`);
        // A round where no request is answered in time is a figure (0 msg/s), not a broken bench: it is
        // what steps queued on shared rows did before the analytics deltas.
        // The counters are written every 200 ms: wait for the warm-up's to be on disk.
        await new Promise((resolve) => setTimeout(resolve, 400));
        const tripsBefore = setup.postgres ? roundTrips(dir) : 0;
        // Every backend is open by now (the warm-up filled the pools); one opened later is not counted.
        const backends = setup.postgres ? await backendsOf(setup) : [];
        const backendsCpu = () => backends.reduce((sum, pid) => sum + treeCpuSeconds(pid), 0);
        const nodeBefore = treeCpuSeconds(server.pid);
        const serverBefore = backendsCpu();
        const load = await drive(url, customers.get(setup.name) as Customers, {
          connections: CONNECTIONS,
          seconds: SECONDS,
        }).catch((error: unknown) => {
          if (String(error).includes("no answer at all")) return { perSecond: 0, p99Ms: Number.POSITIVE_INFINITY };
          throw new Error(`${setup.name}, round ${round + 1}: ${String(error)}`);
        });
        if (load.perSecond > 0) {
          const messages = load.perSecond * SECONDS;
          const push = (into: Map<string, number[]>, seconds: number) =>
            into.set(setup.name, [...(into.get(setup.name) ?? []), (seconds * 1000) / messages]);
          push(nodeCpu, treeCpuSeconds(server.pid) - nodeBefore);
          if (backends.length > 0) push(serverCpu, backendsCpu() - serverBefore);
        }
        if (setup.postgres && load.perSecond > 0) {
          await new Promise((resolve) => setTimeout(resolve, 400));
          const trips = (roundTrips(dir) - tripsBefore) / (load.perSecond * SECONDS);
          perMessage.set(setup.name, [...(perMessage.get(setup.name) ?? []), trips]);
        }
        perSecond.set(setup.name, [...(perSecond.get(setup.name) ?? []), load.perSecond]);
        p99.set(setup.name, [...(p99.get(setup.name) ?? []), load.p99Ms]);
        await server.stop();
        servers.pop();
      }
    }
    const median = (name: string) => spread(perSecond.get(name) ?? []).median;
    const baseline = setups[0] as Setup;
    const figures: [string, string][] = setups.map((setup) => {
      const rate = spread(perSecond.get(setup.name) ?? []);
      const latency = spread(p99.get(setup.name) ?? []);
      const trips = perMessage.has(setup.name) ? spread(perMessage.get(setup.name) ?? []).median : undefined;
      const node = nodeCpu.has(setup.name) ? spread(nodeCpu.get(setup.name) ?? []).median : undefined;
      const server = serverCpu.has(setup.name) ? spread(serverCpu.get(setup.name) ?? []).median : undefined;
      const cpu =
        node === undefined
          ? ""
          : `, CPU per message ${node.toFixed(2)} ms in Node${server === undefined ? "" : ` + ${server.toFixed(2)} ms in PostgreSQL`}`;
      return [
        `${setup.name}, ${CONVERSATIONS} conversations over ${CONNECTIONS} connections`,
        `${rate.median.toFixed(0)} msg/s (min ${rate.min.toFixed(0)}, max ${rate.max.toFixed(0)}), p99 ${Number.isFinite(latency.median) ? `${latency.median.toFixed(0)} ms` : `over ${SECONDS} s`}${trips ? `, ${trips.toFixed(1)} statements to PostgreSQL per message answered (background included)` : ""}${cpu}`,
      ];
    });
    const results: Result[] = setups.slice(1).map((setup) => ({
      name: `REST msg/s, ${setup.name}`,
      value: median(setup.name),
      unit: "msg/s",
      baseline: `REST msg/s, ${baseline.name}`,
      baselineValue: median(baseline.name),
      ratio: median(setup.name) / median(baseline.name),
    }));
    const one = median("PostgreSQL, 1 process");
    const checks: Check[] = [
      {
        label: "PostgreSQL 2 processes / 1 process, msg/s",
        ratio: median("PostgreSQL, 2 processes") / one,
        target: 1.3,
        direction: "atLeast",
      },
      {
        label: "PostgreSQL 4 processes / SQLite 1 process, msg/s",
        ratio: median("PostgreSQL, 4 processes") / median(baseline.name),
        target: 1,
        direction: "atLeast",
      },
    ];
    return { bench: "Scale-out on PostgreSQL (REST channel, triage flow)", figures, checks, results };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await dropSchemas();
    rmSync(dir, { recursive: true, force: true });
  }
}

await runWhenMain(import.meta.url, runtimePgBench);
