import { pathToFileURL } from "node:url";

/**
 * One target of a bench: a ratio against a baseline measured in the same run, never a wall-clock
 * figure, because the machines are shared and their speed changes from one minute to the next.
 */
export interface Check {
  /** What is compared with what, e.g. "order-status message / minimal-flow message". */
  label: string;
  ratio: number;
  target: number;
  /** `atMost`: the ratio is a cost and must stay under the target; `atLeast`: a speed-up that must reach it. */
  direction: "atMost" | "atLeast";
}

/** One figure for `test/bench/results.json`, beside the baseline it is compared with. */
export interface Result {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
}

export interface BenchReport {
  bench: string;
  /** Absolute figures for context: they vary with the machine and are not judged. */
  figures: [label: string, value: string][];
  checks: Check[];
  /** The figures worth keeping from one run to the next, written to `test/bench/results.json`. */
  results?: Result[];
}

/** The line run.ts reads from a bench's output; everything else a bench prints is for people. */
export const REPORT_PREFIX = "BENCH_REPORT ";

export function verdict(check: Check): "PASS" | "WARN" {
  const met = check.direction === "atMost" ? check.ratio <= check.target : check.ratio >= check.target;
  return met ? "PASS" : "WARN";
}

export function formatRatio(ratio: number): string {
  return ratio >= 100 ? ratio.toFixed(0) : ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}

export function describeCheck(check: Check): string {
  const sign = check.direction === "atMost" ? "≤" : "≥";
  return `${verdict(check)}  ${check.label}: ${formatRatio(check.ratio)}× (target ${sign} ${check.target}×)`;
}

export function printReport(report: BenchReport): void {
  console.log(`\n== ${report.bench}`);
  for (const [label, value] of report.figures) console.log(`   ${label}: ${value}`);
  for (const check of report.checks) console.log(`   ${describeCheck(check)}`);
  console.log(`${REPORT_PREFIX}${JSON.stringify(report)}`);
}

/**
 * Runs the bench and prints its report when the module is the process's entry point, so that each
 * bench also runs alone (`npx tsx test/bench/engine.ts`). A bench that throws exits with 1: a
 * missed target only warns, a broken bench must not look like a pass.
 */
export async function runWhenMain(moduleUrl: string, bench: () => Promise<BenchReport>): Promise<void> {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(entry).href !== moduleUrl) return;
  try {
    printReport(await bench());
  } catch (error) {
    console.error(`BENCH CRASHED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
