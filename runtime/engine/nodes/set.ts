import type { SetNode } from "../../../schema/nodes/set.js";
import { goto, type Outcome, type Run } from "../run.js";

/** Assigns in order, each assignment seeing the ones before it. */
export async function enterSet(node: SetNode, run: Run): Promise<Outcome> {
  for (const [index, assignment] of node.assign.entries()) {
    run.setVariable(assignment.variable, await run.evaluate(assignment.value, run.where(`/assign/${index}/value`)));
  }
  return goto("next", node.next);
}
