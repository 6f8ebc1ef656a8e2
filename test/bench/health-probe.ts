/**
 * `/healthz` (or another GET, a search) timed every 50 ms from a process of its own, as a load balancer
 * on another machine would time it. Timed from the bench's process, an answer also waited for
 * autocannon's event loop there, busy with 100 connections: up to 200 ms of the figure were the bench's
 * own delay, not the runtime's.
 */
import { fork } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { timeOneRequest } from "./load.js";

const EVERY_MS = 50;

export interface HealthProbe {
  /** Stops probing; the milliseconds of each answer, in the order they came. */
  stop: () => Promise<number[]>;
}

/** Starts probing `url` from a child process until `stop`, every `everyMs`, with `cookie` if given. */
export function probeHealth(url: string, options: { everyMs?: number; cookie?: string } = {}): HealthProbe {
  const args = [url, String(options.everyMs ?? EVERY_MS), ...(options.cookie ? [options.cookie] : [])];
  const child = fork(fileURLToPath(import.meta.url), args, {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const times = new Promise<number[]>((resolve, reject) => {
    child.once("message", (message) => resolve(message as number[]));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      reject(new Error(`the /healthz probe of ${url} exited with ${signal ?? code} before it reported`)),
    );
  });
  return {
    stop: () => {
      child.send("stop");
      return times;
    },
  };
}

async function probe(url: string, everyMs: number, cookie?: string): Promise<void> {
  const times: number[] = [];
  let stopping = false;
  process.once("message", () => {
    stopping = true;
  });
  while (!stopping) {
    times.push(await timeOneRequest(url, undefined, cookie ? { cookie } : {}));
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  process.send?.(times, () => process.disconnect());
}

const entry = process.argv[1];
if (entry && pathToFileURL(entry).href === import.meta.url)
  await probe(process.argv[2] as string, Number(process.argv[3]), process.argv[4]);
