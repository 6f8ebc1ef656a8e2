import type { HandoffNode } from "../../../schema/nodes/handoff.js";
import type { Outcome, Run } from "../run.js";

/** Says its text, then hands over to its queue with the agent's note. */
export async function enterHandoff(node: HandoffNode, run: Run): Promise<Outcome> {
  if (node.text !== undefined) run.say({ nodeId: node.id, text: await run.renderText(node.text, "/text") });
  const note = node.note !== undefined ? await run.render(node.note, run.where("/note")) : undefined;
  const handoff = run.handoff(
    node.queue,
    node.priority ?? "normal",
    { ruleId: node.id, kind: "node", values: {}, ...(node.label ? { label: node.label } : {}) },
    note,
  );
  return { type: "handoff", handoff };
}
