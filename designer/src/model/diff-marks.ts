import { diffFlows, type Flow } from "../../../schema/index.js";
import type { NodeMark } from "./graph.js";

export interface DiffMarks {
  /** Nodes the draft adds or changes. */
  marks: Map<string, NodeMark>;
  /** Ids of live nodes the draft no longer has. */
  removed: string[];
}

/** How the draft being edited differs from the live version, node by node, for the canvas to mark. */
export function diffMarks(live: Flow, draft: Flow): DiffMarks {
  const diff = diffFlows(live, draft);
  const marks = new Map<string, NodeMark>(diff.added.map((id) => [id, "added"]));
  for (const { id } of diff.changed) if (id !== "(flow)") marks.set(id, "changed");
  return { marks, removed: diff.removed };
}
