import type { ReturnNode } from "../../../schema/nodes/return.js";
import { goto, type Outcome, type Run } from "../run.js";

/** Goes back to the jump node that called this flow and on to its `next`; with no caller, ends. */
export function enterReturn(_node: ReturnNode, run: Run): Outcome {
  if (run.state.stack.length <= 1) return { type: "end" };
  run.state.stack.pop();
  const caller = run.node();
  if (caller.type !== "jump") {
    throw run.failure("UNKNOWN_NODE", `The conversation returned to node \`${caller.id}\`, which is not a jump node.`);
  }
  return goto("next", caller.next);
}
