import type { Flow } from "./flow.js";
import { formatFlow } from "./format.js";

/** One value that differs between two flows, with what it was and what it becomes. */
export interface FieldChange {
  /** The node the value belongs to, or `(flow)` for the flow's own settings. */
  nodeId: string;
  /**
   * Where the value sits in that node: field names, and for lists of items that have an `id`
   * (rules, choices, intents…) the item's id rather than its place, so inserting a rule does not
   * read as every later rule changing.
   */
  path: string[];
  /** Absent when the value was added. */
  before?: unknown;
  /** Absent when the value was removed. */
  after?: unknown;
  /** `order` when the same items of a list were put in another order: `before`/`after` are their ids. */
  kind: "value" | "order";
}

export interface FlowChanges {
  added: string[];
  removed: string[];
  fields: FieldChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const canonical = (flow: Flow) => JSON.parse(formatFlow(flow)) as Flow;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const idOf = (item: unknown) => (isRecord(item) && typeof item.id === "string" ? item.id : undefined);
const keyedById = (items: unknown[]) =>
  items.every((item) => idOf(item) !== undefined) && new Set(items.map(idOf)).size === items.length;

/**
 * What changed between two flows, value by value (`rules/high-value/when`: `total >= 500` →
 * `total >= 300`), for people reviewing a publish or comparing two versions. Key order never counts
 * as a change; lists of plain values (languages, examples) are compared whole.
 */
export function diffFlowFields(fromFlow: Flow, toFlow: Flow): FlowChanges {
  const from = canonical(fromFlow);
  const to = canonical(toFlow);
  const before = new Map(from.nodes.map((node) => [node.id, node]));
  const after = new Map(to.nodes.map((node) => [node.id, node]));
  const fields: FieldChange[] = [];
  const { nodes: _fromNodes, $schema: _fromSchema, ...fromSettings } = from;
  const { nodes: _toNodes, $schema: _toSchema, ...toSettings } = to;
  compare("(flow)", fromSettings, toSettings, [], fields);
  for (const [id, node] of after) {
    const old = before.get(id);
    if (old) compare(id, old, node, [], fields);
  }
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    fields,
  };
}

function compare(nodeId: string, a: unknown, b: unknown, path: string[], out: FieldChange[]): void {
  if (same(a, b)) return;
  if (a === undefined) {
    out.push({ nodeId, path, after: b, kind: "value" });
    return;
  }
  if (b === undefined) {
    out.push({ nodeId, path, before: a, kind: "value" });
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      compare(nodeId, a[key], b[key], [...path, key], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length > 0 && b.length > 0 && keyedById(a) && keyedById(b)) {
    const old = new Map(a.map((item) => [idOf(item) as string, item]));
    const ids = b.map((item) => idOf(item) as string);
    const kept = a.map((item) => idOf(item) as string).filter((id) => ids.includes(id));
    const keptNow = ids.filter((id) => old.has(id));
    if (!same(kept, keptNow)) out.push({ nodeId, path, before: kept, after: keptNow, kind: "order" });
    for (const item of b) compare(nodeId, old.get(idOf(item) as string), item, [...path, idOf(item) as string], out);
    for (const item of a) {
      if (!ids.includes(idOf(item) as string)) compare(nodeId, item, undefined, [...path, idOf(item) as string], out);
    }
    return;
  }
  out.push({ nodeId, path, before: a, after: b, kind: "value" });
}
