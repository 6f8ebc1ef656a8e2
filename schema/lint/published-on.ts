import { CHANNELS, type Channel } from "../channel-capabilities.js";
import type { Flow } from "../flow.js";
import { nodesOf } from "./context.js";

/**
 * The channels a flow is published on: those set to start it, those set to start a flow that
 * reaches it through `jump` nodes, and the web chat and REST channel, which start any flow.
 * `starts` is each provider channel's flow; `flows` every flow by id, for their jumps.
 */
export function publishedOn(
  flowId: string,
  starts: Partial<Record<Channel, string>>,
  flows: ReadonlyMap<string, Flow>,
): Channel[] {
  return CHANNELS.filter((channel) => {
    const start = starts[channel];
    if (channel === "webchat" || channel === "rest") return true;
    return start !== undefined && reaches(start, flowId, flows);
  });
}

/** Whether a conversation started on `from` can get to `to`, following jumps. */
function reaches(from: string, to: string, flows: ReadonlyMap<string, Flow>): boolean {
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const flow = flows.get(id);
    if (!flow) continue;
    for (const node of nodesOf(flow))
      if (node.type === "jump" && typeof node.flow === "string") pending.push(node.flow);
  }
  return false;
}
