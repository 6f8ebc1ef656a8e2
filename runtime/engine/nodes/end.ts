import type { EndNode } from "../../../schema/nodes/end.js";
import type { Outcome, Run } from "../run.js";

export async function enterEnd(node: EndNode, run: Run): Promise<Outcome> {
  if (node.text !== undefined) run.say({ nodeId: node.id, text: await run.renderText(node.text, "/text") });
  return { type: "end" };
}
