import cluster, { type Worker } from "node:cluster";
import { loadConfig } from "../config.js";
import { RUNTIME_NODE_FLAGS } from "../node-flags.js";
import type { Output } from "./commands.js";

const server = new URL("../server.ts", import.meta.url).pathname;
/** A worker that dies is replaced after this long, so one failing at start does not spin. */
const RESTART_MS = 1000;

/**
 * Runs the runtime: in this process, or as `workers` processes (Node's cluster) sharing the port,
 * each replaced when it dies; SIGTERM or SIGINT closes them all gracefully. Several processes need
 * PostgreSQL: a SQLite file belongs to one process.
 */
export async function startCommand(options: { workers: string }, out: Output): Promise<number> {
  const workers = Number(options.workers);
  if (!Number.isInteger(workers) || workers < 1) {
    out.err(`--workers must be a whole number of processes, 1 or more, not ${JSON.stringify(options.workers)}.`);
    return 2;
  }
  if (workers === 1) {
    await import(server);
    return 0;
  }
  if (!loadConfig().databaseUrl) {
    out.err(
      `--workers ${workers} needs PostgreSQL: set DATABASE_URL=postgres://… (a SQLite file is written by one process only).`,
    );
    return 2;
  }
  // Each worker runs the TypeScript server through tsx's loader, as this command does, with the
  // runtime's Node.js flags.
  cluster.setupPrimary({
    exec: server,
    args: [],
    execArgv: [...RUNTIME_NODE_FLAGS, "--import", import.meta.resolve("tsx")],
  });
  let closing = false;
  const fork = () => cluster.fork();
  cluster.on("exit", (worker: Worker, code, signal) => {
    if (closing) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    out.err(`Relais worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another.`);
    setTimeout(fork, RESTART_MS);
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    });
  }
  for (let i = 0; i < workers; i++) fork();
  out.out(`Relais: ${workers} worker processes on port ${loadConfig().port}, primary ${process.pid}.`);
  return 0;
}
