import type { StartNode } from "../../../schema/nodes/start.js";
import { goto, type Outcome } from "../run.js";

export function enterStart(node: StartNode): Outcome {
  return goto("next", node.next);
}
