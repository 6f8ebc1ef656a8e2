/**
 * `npm run bench`: runs every bench in its own process (a clean heap for memory figures, and one
 * bench crashing or hanging cannot take the others down), then prints one table of the targets.
 * Exits with 0 whether targets pass or warn, and with 1 when a bench crashed and measured nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type BenchReport, formatRatio, REPORT_PREFIX, verdict } from "./report.js";

const smoke = process.argv.includes("--smoke");
/** `--smoke`: each bench short (BENCH_SMOKE=1), the designer's in Chromium left out, to check the benches still run. */
const all = smoke
  ? ["engine.ts", "runtime-http.ts", "nlu.ts", "search.ts"]
  : [
      "engine.ts",
      "nlu.ts",
      "runtime-http.ts",
      "runtime-pg.ts",
      "runtime-rest.ts",
      "designer-500.ts",
      "designer-canvas.ts",
      "analytics-1m.ts",
      "search.ts",
    ];
/** `npm run bench -- runtime-http.ts`: only the benches named. */
const named = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const benches = named.length > 0 ? all.filter((file) => named.includes(file)) : all;
/**
 * Far above what each takes (~10–25 s; the designer's canvas bench builds two pages and opens a 1,000-node
 * flow many times, several minutes on 2 shared cores): only a hung bench reaches it.
 */
const TIME_LIMIT_MS = 900_000;
const root = fileURLToPath(new URL("../../", import.meta.url));

interface Outcome {
  file: string;
  seconds: number;
  report?: BenchReport;
  failure?: string;
}

/** The bench running now, whose group an interrupted run kills. */
let running: ChildProcess | undefined;

/** Kills a bench and every server it started (their process group). */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // Already gone.
  }
}

// Its own group does not hear the terminal's Ctrl-C: passed on, so no server outlives the run.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (running) killGroup(running);
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
}

function runBench(file: string): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL(file, import.meta.url))], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: smoke ? { ...process.env, BENCH_SMOKE: "1" } : process.env,
    // A group of its own with the servers it starts: killed, it leaves none of them running.
    detached: true,
  });
  running = child;
  let report: BenchReport | undefined;
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith(REPORT_PREFIX)) report = JSON.parse(line.slice(REPORT_PREFIX.length)) as BenchReport;
    else console.log(line);
  });
  const timer = setTimeout(() => killGroup(child), TIME_LIMIT_MS);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running = undefined;
      const seconds = (performance.now() - started) / 1000;
      const failure =
        signal === "SIGKILL"
          ? `killed after ${TIME_LIMIT_MS / 1000} s`
          : code !== 0
            ? `exited with ${code}`
            : report
              ? undefined
              : "printed no report";
      resolve({ file, seconds, ...(report ? { report } : {}), ...(failure ? { failure } : {}) });
    });
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")).join("\n");
}

const outcomes: Outcome[] = [];
for (const file of benches) {
  console.log(`\n--- ${file}`);
  outcomes.push(await runBench(file));
}

const results = outcomes.flatMap((outcome) => outcome.report?.results ?? []);
if (!smoke && results.length > 0) {
  const file = join(root, "test/bench/results.json");
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nfigures written to ${file}`);
}

const rows = [["bench", "target", "ratio", "aim", "verdict"]];
for (const outcome of outcomes) {
  const name = `${outcome.file} (${outcome.seconds.toFixed(0)} s)`;
  if (outcome.failure) rows.push([name, `CRASHED: ${outcome.failure}`, "", "", "CRASH"]);
  for (const check of outcome.report?.checks ?? []) {
    const aim = `${check.direction === "atMost" ? "≤" : "≥"} ${check.target}×`;
    rows.push([name, check.label, `${formatRatio(check.ratio)}×`, aim, verdict(check)]);
  }
}
const verdicts = rows.slice(1).map((row) => row[4]);
const count = (word: string) => verdicts.filter((v) => v === word).length;
console.log(`\n=== Summary (ratios against a baseline of the same run)\n${table(rows)}`);
console.log(`\n${count("PASS")} pass, ${count("WARN")} warn, ${count("CRASH")} crashed`);
if (count("CRASH") > 0) {
  console.log("A bench crashed: its figures are missing, see its output above.");
  process.exitCode = 1;
}
