import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Work to time: `run` performs `ops` operations (messages, evaluations, requests…). */
export interface Workload {
  ops: number;
  run: () => unknown;
}

export interface Comparison {
  /** Median milliseconds per operation over the rounds. */
  baselineMs: number;
  subjectMs: number;
  /** Median of the per-round ratios subject / baseline. */
  ratio: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Repeats the workload until at least `minMs` have passed; milliseconds per operation. */
async function timeRound(workload: Workload, minMs: number): Promise<number> {
  let ops = 0;
  let elapsed = 0;
  const started = performance.now();
  do {
    await workload.run();
    ops += workload.ops;
    elapsed = performance.now() - started;
  } while (elapsed < minMs);
  return elapsed / ops;
}

export interface CompareOptions {
  rounds: number;
  /** Each side repeats its workload for at least this long per round, so that both sides of a round
   * last about as long and a neighbour's burst of load is as likely to hit one as the other. */
  roundMs: number;
}

/**
 * Times the baseline and the subject in alternating rounds, so that load changes on a shared
 * machine hit both alike, and keeps the median: one preempted round does not move it.
 */
export async function compare(baseline: Workload, subject: Workload, options: CompareOptions): Promise<Comparison> {
  await baseline.run(); // warm-up: JIT, caches, first-use allocations
  await subject.run();
  const base: number[] = [];
  const measured: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const b = await timeRound(baseline, options.roundMs);
    const s = await timeRound(subject, options.roundMs);
    base.push(b);
    measured.push(s);
    ratios.push(s / b);
  }
  return { baselineMs: median(base), subjectMs: median(measured), ratio: median(ratios) };
}

// `--expose-gc` set at run time, so a bench measures memory however it was started (tsx, node, run.ts).
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

/** Holds what is being measured across the collection that follows its creation. */
const holder: { kept?: unknown } = {};

/** Heap bytes retained by what `make` returns, measured between full collections. */
export function retainedBytes(make: () => unknown): number {
  collect();
  collect();
  const before = process.memoryUsage().heapUsed;
  holder.kept = make();
  collect();
  collect();
  const after = process.memoryUsage().heapUsed;
  holder.kept = undefined;
  return after - before;
}
