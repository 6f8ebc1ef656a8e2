import { type Static, Type } from "@sinclair/typebox";

/** What a problem is about, by name, so an interface can say it in its own words and language. */
export const ProblemParams = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Readonly(Type.Array(Type.String()))]),
);
export type ProblemParams = Static<typeof ProblemParams>;

/** One thing wrong with a file, located well enough for a person to find it. */
export const Problem = Type.Object(
  {
    code: Type.String({ description: "Stable code: `schema/required`, `lint/unreachable-node`, `json/syntax`…" }),
    params: Type.Optional({
      ...ProblemParams,
      description: "The values `message` names (a variable, a handle, a limit), keyed for the code's translations.",
    }),
    severity: Type.Union([Type.Literal("error"), Type.Literal("warning")]),
    file: Type.String(),
    nodeId: Type.Optional(Type.String()),
    pointer: Type.String({ description: "JSON pointer into the file, e.g. `/nodes/3/next`." }),
    message: Type.String(),
    line: Type.Optional(Type.Integer()),
    column: Type.Optional(Type.Integer()),
  },
  { description: "One thing wrong with a file, located well enough for a person to find it." },
);
export type Problem = Static<typeof Problem>;

export const hasErrors = (problems: readonly Problem[]) => problems.some((problem) => problem.severity === "error");

/** `file:line:column node \`id\` (pointer): message`, the way compilers print. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  const node = problem.nodeId ? ` node \`${problem.nodeId}\`` : "";
  return `${where}${node} ${problem.pointer || "/"} ${problem.severity} ${problem.code}: ${problem.message}`;
}
