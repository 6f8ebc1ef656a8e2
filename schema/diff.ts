import { type Static, Type } from "@sinclair/typebox";
import type { Flow } from "./flow.js";
import { formatFlow } from "./format.js";

export const FlowDiff = Type.Object(
  {
    added: Type.Array(Type.String(), { description: "Ids of the nodes only the second flow has." }),
    removed: Type.Array(Type.String(), { description: "Ids of the nodes only the first flow has." }),
    changed: Type.Array(
      Type.Object({
        id: Type.String({ description: "A node id, or `(flow)` for the flow's own settings." }),
        fields: Type.Array(Type.String(), { description: "The fields that differ, e.g. `text`, `next`." }),
      }),
    ),
  },
  { description: "What changed between two flows, node by node." },
);
export type FlowDiff = Static<typeof FlowDiff>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The flow with every key in canonical order, so that key order never counts as a change. */
const canonical = (flow: Flow) => JSON.parse(formatFlow(flow)) as Flow;

/**
 * What changed between two flows, by node id rather than by line, so a reviewer reads
 * "`ask-email`: text changed" instead of a text diff. Flow-level settings (variables,
 * escalation, languages…) are reported as a change of the pseudo-node `(flow)`. The runtime's
 * diff of versions and the designer's marks on the canvas both use it.
 */
export function diffFlows(fromFlow: Flow, toFlow: Flow): FlowDiff {
  const from = canonical(fromFlow);
  const to = canonical(toFlow);
  const before = new Map(from.nodes.map((node) => [node.id, node as Record<string, unknown>]));
  const after = new Map(to.nodes.map((node) => [node.id, node as Record<string, unknown>]));
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed: FlowDiff["changed"] = [];
  const settings = changedFields(
    { ...from, nodes: undefined } as Record<string, unknown>,
    { ...to, nodes: undefined } as Record<string, unknown>,
  );
  if (settings.length > 0) changed.push({ id: "(flow)", fields: settings });
  for (const [id, node] of after) {
    const old = before.get(id);
    if (!old) continue;
    const fields = changedFields(old, node);
    if (fields.length > 0) changed.push({ id, fields });
  }
  return { added, removed, changed };
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => key !== "$schema");
  return keys.filter((key) => !same(a[key], b[key])).sort();
}
