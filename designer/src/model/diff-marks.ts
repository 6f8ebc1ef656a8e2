import { type Flow, formatFlow } from "../../../schema/index.js";
import type { NodeMark } from "./graph.js";

export interface DiffMarks {
  /** Nodes the draft adds or changes. */
  marks: Map<string, NodeMark>;
  /** Ids of live nodes the draft no longer has. */
  removed: string[];
}

/** Each node as the text it has in a saved file, so that key order never counts as a change. */
const canonicalNodes = (flow: Flow) =>
  new Map((JSON.parse(formatFlow(flow)) as Flow).nodes.map((node) => [node.id, JSON.stringify(node)]));

/** How the draft being edited differs from the live version, node by node, for the canvas to mark. */
export function diffMarks(live: Flow, draft: Flow): DiffMarks {
  const before = canonicalNodes(live);
  const after = canonicalNodes(draft);
  const marks = new Map<string, NodeMark>();
  for (const [id, text] of after) {
    const old = before.get(id);
    if (old === undefined) marks.set(id, "added");
    else if (old !== text) marks.set(id, "changed");
  }
  return { marks, removed: [...before.keys()].filter((id) => !after.has(id)) };
}
