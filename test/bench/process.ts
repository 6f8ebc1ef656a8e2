import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** A server the bench started as a process of its own, so the load never shares its event loop. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Resident memory in bytes, from /proc. */
  rssBytes: () => number;
  /** CPU seconds (user + system) the process has used so far, from /proc. */
  cpuSeconds: () => number;
  stop: () => Promise<void>;
}

/** The servers running, stopped with the bench however it ends. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A port free on loopback right now: the system picks it, the bench hands it to a child. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const CLOCK_TICKS = 100;

function procStat(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name, which may hold spaces, in parentheses.
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/**
 * Starts `command` with `env` (PORT set to a free port) and waits until `readyPath` answers 200.
 * Its output goes to the bench's stderr only when it fails, so that a crash shows why.
 */
export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  readyPath: string;
  cwd?: string;
}): Promise<ServerProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: string | undefined;
  running.add(child);
  child.once("exit", (code, signal) => {
    running.delete(child);
    exited = `exited with ${signal ?? code}`;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (exited) throw new Error(`${options.name} ${exited} before it answered:\n${output}`);
    try {
      const response = await fetch(`${url}${options.readyPath}`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 1200) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} did not answer ${options.readyPath} within 2 minutes:\n${output}`);
    }
    await sleep(100);
  }
  const pid = child.pid as number;
  return {
    name: options.name,
    url,
    pid,
    rssBytes: () => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return Number(match?.[1] ?? 0) * 1024;
    },
    cpuSeconds: () => {
      const fields = procStat(pid);
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
