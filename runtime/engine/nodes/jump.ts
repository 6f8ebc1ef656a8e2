import type { JumpNode } from "../../../schema/nodes/jump.js";
import { goto, type Outcome, type Run } from "../run.js";

/** Deepest nesting of jumps: a flow that jumps into itself without end is a mistake, not a conversation. */
export const MAX_JUMP_DEPTH = 16;

/** Runs the other flow from its start; its `return` node comes back to this node's `next`. */
export function enterJump(node: JumpNode, run: Run): Outcome {
  const target = run.flowById(node.flow);
  if (run.state.stack.length >= MAX_JUMP_DEPTH) {
    throw run.failure(
      "STEP_LIMIT",
      `Node \`${node.id}\` jumps to flow \`${node.flow}\` ${MAX_JUMP_DEPTH} levels deep without returning: end the called flows with a return node instead of jumping back.`,
    );
  }
  if (!target.startNodeId) {
    throw run.failure(
      "UNKNOWN_NODE",
      `Flow \`${node.flow}\`, called by node \`${node.id}\`, has no start node: add one.`,
    );
  }
  run.state.stack.push({ flowId: target.flow.id, nodeId: target.startNodeId });
  return goto("start", target.startNodeId);
}
