import type { Flow } from "../flow.js";
import { nodesOf } from "./context.js";
import { rootOf, transitionsOf, writesOf } from "./graph.js";

/** Variables every conversation has, set by the runtime from the channel. */
export const BUILT_IN_VARIABLES = ["contact"];

/** Stands for "any variable": a jump into a flow the linter cannot see may set anything. */
export const ANY_VARIABLE = "*";

/** Finds a flow by id: the one being linted first, then the others the caller gave. */
export type FlowLookup = (id: string) => Flow | undefined;

/**
 * For each node, the variable roots some path from the start may have set on arriving there
 * (a "may be set" forward dataflow); undefined for nodes no path reaches.
 */
export function mayBeSetOnArrival(
  flow: Flow,
  lookup: FlowLookup,
  others: readonly Flow[],
): (Set<string> | undefined)[] {
  const entries = new Map<string, Set<string>>();
  return propagate(flow, entryOf(flow, { lookup, others, entries, inProgress: new Set() }), lookup);
}

interface Callers {
  lookup: FlowLookup;
  others: readonly Flow[];
  /** Entry sets already worked out, so each flow is analysed once however the flows call each other. */
  entries: Map<string, Set<string>>;
  inProgress: Set<string>;
}

/**
 * What is set when the flow begins: defaults and built-ins, and whatever a flow jumping here may
 * have set before its `jump` node. A cycle of jumps falls back on the defaults and built-ins.
 */
function entryOf(flow: Flow, callers: Callers): Set<string> {
  const known = callers.entries.get(flow.id);
  if (known) return known;
  const entry = new Set([...BUILT_IN_VARIABLES, ...defaultsOf(flow)]);
  if (callers.inProgress.has(flow.id)) return entry;
  callers.inProgress.add(flow.id);
  for (const caller of callers.others) {
    if (caller.id === flow.id) continue;
    const jumps = nodesOf(caller).flatMap((node, i) => (node.type === "jump" && node.flow === flow.id ? [i] : []));
    if (jumps.length === 0) continue;
    const arrival = propagate(caller, entryOf(caller, callers), callers.lookup);
    for (const jump of jumps) for (const name of arrival[jump] ?? []) entry.add(name);
  }
  callers.inProgress.delete(flow.id);
  callers.entries.set(flow.id, entry);
  return entry;
}

function defaultsOf(flow: Flow): string[] {
  return Object.entries(flow.variables ?? {}).flatMap(([name, declaration]) =>
    declaration && declaration.default !== undefined ? [name] : [],
  );
}

function propagate(flow: Flow, entry: Set<string>, lookup: FlowLookup): (Set<string> | undefined)[] {
  const nodes = nodesOf(flow);
  const indexById = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!indexById.has(node.id)) indexById.set(node.id, i);
  });
  const arrival: (Set<string> | undefined)[] = nodes.map(() => undefined);
  const queue: number[] = [];
  nodes.forEach((node, i) => {
    if (node.type !== "start") return;
    arrival[i] = new Set(entry);
    queue.push(i);
  });
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    const node = nodes[at];
    if (!node) continue;
    const leaving = new Set([...(arrival[at] ?? []), ...writesOf(node).map(rootOf)]);
    if (node.type === "jump") for (const name of writtenBy(node.flow, lookup, new Set())) leaving.add(name);
    for (const transition of transitionsOf(node)) {
      const next = transition.target === undefined ? undefined : indexById.get(transition.target);
      if (next === undefined) continue;
      const known = arrival[next];
      const grows = !known || [...leaving].some((name) => !known.has(name));
      if (!grows) continue;
      arrival[next] = new Set([...(known ?? []), ...leaving]);
      queue.push(next);
    }
  }
  return arrival;
}

/** Every root a flow may write, through its own jumps too. */
function writtenBy(flowId: string, lookup: FlowLookup, visiting: Set<string>): Set<string> {
  const flow = lookup(flowId);
  if (!flow) return new Set([ANY_VARIABLE]);
  if (visiting.has(flowId)) return new Set();
  visiting.add(flowId);
  const written = new Set<string>();
  for (const node of nodesOf(flow)) {
    for (const path of writesOf(node)) written.add(rootOf(path));
    if (node.type === "jump") for (const name of writtenBy(node.flow, lookup, visiting)) written.add(name);
  }
  return written;
}
