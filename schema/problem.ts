/** What a problem is about, by name, so an interface can say it in its own words and language. */
export type ProblemParams = Record<string, string | number | readonly string[]>;

/** One thing wrong with a file, located well enough for a person to find it. */
export interface Problem {
  /** Stable code: `schema/required`, `lint/unreachable-node`, `json/syntax`… */
  code: string;
  /** The values `message` names (a variable, a handle, a limit), keyed for the code's translations. */
  params?: ProblemParams;
  severity: "error" | "warning";
  file: string;
  nodeId?: string;
  /** JSON pointer into the file, e.g. `/nodes/3/next`. */
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((problem) => problem.severity === "error");

/** `file:line:column node \`id\` (pointer): message`, the way compilers print. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  const node = problem.nodeId ? ` node \`${problem.nodeId}\`` : "";
  return `${where}${node} ${problem.pointer || "/"} ${problem.severity} ${problem.code}: ${problem.message}`;
}
