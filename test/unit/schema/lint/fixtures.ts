import { expect } from "vitest";
import { type Flow, type LintOptions, lintFlow, type Problem, validateFlow } from "../../../../schema/index.js";

export const FILE = "flows/test.flow.json";

/** A flow around `nodes`, checked against the schema first so that every fixture is a real flow file. */
export function flowOf(nodes: unknown[], fields: Record<string, unknown> = {}): Flow {
  const document = { schemaVersion: 1, id: "test", name: "Test", languages: ["fr"], ...fields, nodes };
  const validated = validateFlow(document, FILE);
  expect(validated.problems).toEqual([]);
  if (!validated.ok) throw new Error("fixture is not a valid flow");
  return validated.value;
}

/** The problems of one rule, e.g. `missing-target` for `lint/missing-target`. */
export function problemsOf(rule: string, flow: Flow, options?: LintOptions): Problem[] {
  return lintFlow(flow, FILE, options).filter((problem) => problem.code === `lint/${rule}`);
}

/** start → ask (question saved into `email`) → bye; the shape most fixtures extend. */
export const linear = (): Record<string, unknown>[] => [
  { id: "start", type: "start", next: "ask" },
  { id: "ask", type: "question", text: "Votre e-mail ?", input: { kind: "email" }, saveAs: "email", next: "bye" },
  { id: "bye", type: "end", text: "Merci {{ email }}" },
];

export const linearVariables = { variables: { email: { type: "string" } } };
