import { type Flow, inFlowOrder } from "../../schema/index.js";
import { getPath, setPath } from "./variables.js";

/**
 * The collected variables as a handoff keeps them: each intent an intent node saved carries its label
 * from the flow version the conversation runs on, so that agents read "Order status", never
 * `order_status`, whatever a later version calls it. `flows` are searched in order, the conversation's
 * own first, for the node that saved each intent.
 */
export function withIntentLabels(summary: Record<string, unknown>, flows: readonly Flow[]): Record<string, unknown> {
  let labelled = summary;
  for (const flow of flows) {
    for (const node of flow.nodes) {
      if (node.type !== "intent" || node.saveAs === undefined) continue;
      const saved = getPath(labelled, node.saveAs);
      if (typeof saved !== "object" || saved === null || "label" in saved || !("id" in saved)) continue;
      const label = node.intents.find((intent) => intent.id === saved.id)?.label;
      if (label === undefined) continue;
      labelled = setPath(labelled, node.saveAs, { ...saved, label: inFlowOrder(label, flow.languages) });
    }
  }
  return labelled;
}
