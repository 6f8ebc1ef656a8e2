import { type Channel, type Flow, lintFlow, lintGraph, type Problem, validateFlow } from "../../../schema/index.js";

/**
 * Schema problems of the draft with what the graph checks find (ids, links, reachability), or, once it
 * validates, everything the linter finds. A draft too broken for the graph checks gets the schema's alone.
 * `queues` are the runtime's queue ids, so a handoff to a missing queue is reported; `channels` those
 * the flow is published on, whose limits are checked (every channel's until the runtime has said).
 */
export function problemsOf(
  flow: Flow,
  others: ReadonlyMap<string, Flow>,
  queues: readonly string[] = [],
  channels?: readonly Channel[],
): Problem[] {
  const file = `${flow.id}.flow.json`;
  const checked = validateFlow(flow, file);
  if (!checked.ok) {
    try {
      return [...checked.problems, ...lintGraph(flow, file)];
    } catch {
      return checked.problems;
    }
  }
  return lintFlow(flow, file, { flows: others, queues, channels });
}

/** The worst severity per node id, for the marks on the canvas. */
export function severityByNode(problems: readonly Problem[]): Map<string, "error" | "warning"> {
  const map = new Map<string, "error" | "warning">();
  for (const problem of problems) {
    if (!problem.nodeId) continue;
    if (problem.severity === "error" || !map.has(problem.nodeId)) map.set(problem.nodeId, problem.severity);
  }
  return map;
}
