import { writeFile } from "node:fs/promises";
import { CHANNELS, type Channel, formatByKind, formatProblem, hasErrors, type Problem } from "../../schema/index.js";
import { compileFlow } from "../engine/index.js";
import type { CompiledFlow } from "../engine/types.js";
import { runTestFile, type TestResult, unvisitedNodes } from "../testing/conversation.js";
import { defaultFlowsDir, lintWorkspace, loadWorkspace, resolvePaths, shownPath } from "./workspace.js";

/** Where a command writes; tests pass their own to read what was printed. */
export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function report(problems: readonly Problem[], io: Output) {
  for (const problem of problems) (problem.severity === "error" ? io.err : io.out)(formatProblem(problem));
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** `relais validate`: every schema error of every file; exit code 1 when there is one. */
export async function validateCommand(paths: readonly string[], io: Output): Promise<number> {
  const workspace = await loadWorkspace(await resolvePaths(paths, defaultFlowsDir()));
  const problems = workspace.files.flatMap((file) => file.problems);
  report(problems, io);
  const invalid = workspace.files.filter((file) => hasErrors(file.problems)).length;
  io.out(`${plural(workspace.files.length, "file")} checked, ${invalid} invalid.`);
  return invalid ? 1 : 0;
}

/**
 * `relais lint`: schema errors, then the graph checks the schema cannot make. Offline, which channels
 * start each flow is the server's to know: the channel limits checked are those of `channels`, or of
 * every channel, which is said.
 */
export async function lintCommand(
  paths: readonly string[],
  io: Output,
  channels?: readonly Channel[],
): Promise<number> {
  const workspace = await loadWorkspace(await resolvePaths(paths, defaultFlowsDir()));
  const linted = lintWorkspace(workspace, channels);
  io.out(
    channels
      ? `Channel limits checked for: ${channels.join(", ")}.`
      : `Channel limits checked for every channel (${CHANNELS.join(", ")}): which ones start each flow is known to the server only; pass --channels to check fewer.`,
  );
  const requested = new Set(workspace.files.map((file) => file.path));
  const problems = [
    ...workspace.files.flatMap((file) => file.problems),
    ...[...linted].filter(([path]) => requested.has(path)).flatMap(([, found]) => found),
  ];
  report(problems, io);
  const errors = problems.filter((problem) => problem.severity === "error").length;
  io.out(`${plural(errors, "error")}, ${plural(problems.length - errors, "warning")}.`);
  return errors ? 1 : 0;
}

/** The channels of `--channels whatsapp,sms`; an unknown name is refused with the known ones. */
export function parseChannels(list: string): Channel[] {
  const names = list
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const unknown = names.filter((name) => !(CHANNELS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`unknown channel ${unknown.join(", ") || "(none given)"}; use some of ${CHANNELS.join(", ")}.`);
  }
  return names as Channel[];
}

/** `relais fmt`: rewrites files in canonical form, or with `check` lists those that are not. */
export async function fmtCommand(paths: readonly string[], check: boolean, io: Output): Promise<number> {
  const workspace = await loadWorkspace(await resolvePaths(paths, defaultFlowsDir()));
  let failed = 0;
  for (const file of workspace.files) {
    if (file.json === undefined) {
      report(file.problems, io);
      failed++;
      continue;
    }
    const formatted = formatByKind[file.kind](file.json);
    if (formatted === file.text) continue;
    if (check) {
      io.err(`${shownPath(file.path)} is not in canonical form; run \`relais fmt\`.`);
      failed++;
    } else {
      await writeFile(file.path, formatted);
      io.out(`formatted ${shownPath(file.path)}`);
    }
  }
  return failed ? 1 : 0;
}

/** `relais test`: runs the conversation tests and lists the nodes no test visits. */
export async function testCommand(paths: readonly string[], io: Output): Promise<number> {
  const resolved = await resolvePaths(paths, defaultFlowsDir());
  const workspace = await loadWorkspace(resolved);
  const broken = workspace.files.filter((file) => hasErrors(file.problems));
  report(
    broken.flatMap((file) => file.problems),
    io,
  );
  const compiled = new Map<string, CompiledFlow>([...workspace.flows].map(([id, { flow }]) => [id, compileFlow(flow)]));
  const results: TestResult[] = [];
  const testedFlows = new Set<string>();
  for (const { path, tests } of workspace.tests) {
    io.out(shownPath(path));
    testedFlows.add(tests.flow);
    for (const result of await runTestFile(tests, { flows: compiled })) {
      results.push(result);
      io.out(`  ${result.passed ? "✓" : "✗"} ${result.name}`);
      for (const failure of result.failures) io.out(`      ${failure.replace(/\n/g, "\n      ")}`);
    }
  }
  const covered = [...compiled.values()].filter(({ flow }) => testedFlows.has(flow.id));
  const unvisited = unvisitedNodes(covered, results);
  if (unvisited.length) io.out(`\nNodes no test visits (${unvisited.length}): ${unvisited.join(", ")}`);
  const failed = results.filter((result) => !result.passed).length;
  io.out(`\n${results.length - failed} passed, ${failed} failed`);
  return failed || broken.length ? 1 : 0;
}
