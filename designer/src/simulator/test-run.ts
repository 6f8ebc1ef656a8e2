import type { CompiledFlow } from "../../../runtime/engine/index.js";
import { compileFlow } from "../../../runtime/engine/index.js";
import { runTestFile, type TestResult, unvisitedNodes } from "../../../runtime/testing/index.js";
import type { ConversationTestFile, Flow } from "../../../schema/index.js";

export interface TestRun {
  results: TestResult[];
  /** Ids of the flow's nodes that no test went through. */
  untested: string[];
}

/**
 * Runs every conversation test of the flow being edited with the runner `relais test` uses, over
 * the draft as it is now and the other flows a jump may reach.
 */
export async function runFlowTests(
  flow: Flow,
  others: ReadonlyMap<string, Flow>,
  tests: ConversationTestFile,
): Promise<TestRun> {
  const compiled = compileFlow(flow);
  const flows = new Map<string, CompiledFlow>([...others].map(([id, other]) => [id, compileFlow(other)]));
  flows.set(flow.id, compiled);
  const results = await runTestFile(tests, { flows });
  const prefix = `${flow.id}/`;
  const untested = unvisitedNodes([compiled], results).map((key) => key.slice(prefix.length));
  return { results, untested };
}
