import { and, between, eq, lt, type SQL, sql } from "drizzle-orm";
import type { AnalyticsFigures, NodeFigures } from "../../schema/api/analytics.js";
import type { Flow } from "../../schema/index.js";
import type { Store } from "../store/db.js";
import { fixedLimit } from "../store/fixed-limit.js";
import { getVersion } from "../store/flow-versions.js";
import { dayOf } from "./fold.js";

export interface FiguresRequest {
  flowId: string;
  /** Undefined: every version together. */
  version: number | undefined;
  /** First and last UTC day (days since 1970-01-01), both included. */
  fromDay: number;
  toDay: number;
  abandonAfterMinutes: number;
  now: number;
}

const DAY_MS = 86_400_000;
export const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const dayFromText = (text: string) => dayOf(Date.parse(`${text}T00:00:00Z`));

/** Counts come back as numbers from SQLite and as text (bigint) from PostgreSQL. */
const int = (expression: SQL) => sql<number>`cast(${expression} as integer)`.mapWith(Number);

/** The median of a histogram of values (value → how many), the mean of the two middle ones when even. */
export function medianOf(histogram: readonly { value: number; count: number }[]): number | null {
  const sorted = [...histogram].filter((entry) => entry.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const entry of sorted) {
      seen += entry.count;
      if (rank < seen) return entry.value;
    }
    return sorted[sorted.length - 1]?.value ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * A flow's figures over a period, read from the analytics tables only (never transcripts), through
 * their indexes: a handful of grouped queries whatever the number of events.
 */
export async function readFigures(store: Store, request: FiguresRequest): Promise<AnalyticsFigures> {
  const { analyticsConversations: c, analyticsCounts: k, analyticsDeltas: d } = store.tables;
  const { flowId, version, fromDay, toDay } = request;
  const cutoff = request.now - request.abandonAfterMinutes * 60_000;
  const ofFlow = and(
    eq(c.flowId, flowId),
    version === undefined ? undefined : eq(c.flowVersion, version),
    between(c.day, fromDay, toDay),
  );
  const open = and(eq(c.outcome, "open"), lt(c.lastCustomerAt, cutoff));
  const figures = await store.read(async (db) => {
    // One pass over the conversations for the days, the outcomes and the messages (the index's own order).
    const shapes = await db
      .select({
        day: c.day,
        outcome: c.outcome,
        messages: c.customerMessages,
        count: int(sql`count(*)`),
        abandoned: int(sql`coalesce(sum(case when ${open} then 1 else 0 end), 0)`),
      })
      .from(c)
      .where(ofFlow)
      .groupBy(c.day, c.outcome, c.customerMessages);
    const byDay = new Map<number, { started: number; contained: number; handedOver: number }>();
    const messages = new Map<number, number>();
    let [started, contained, handedOver, abandoned] = [0, 0, 0, 0];
    for (const shape of shapes) {
      let day = byDay.get(shape.day);
      if (!day) {
        day = { started: 0, contained: 0, handedOver: 0 };
        byDay.set(shape.day, day);
      }
      day.started += shape.count;
      started += shape.count;
      if (shape.outcome === "contained") {
        day.contained += shape.count;
        contained += shape.count;
      } else if (shape.outcome === "handover") {
        day.handedOver += shape.count;
        handedOver += shape.count;
      }
      abandoned += shape.abandoned;
      messages.set(shape.messages, (messages.get(shape.messages) ?? 0) + shape.count);
    }

    const medianDuration = async (outcome: "contained" | "handover") => {
      const duration = sql`${c.endedAt} - ${c.startedAt}`;
      const where = and(ofFlow, eq(c.outcome, outcome));
      const total = outcome === "contained" ? contained : handedOver;
      if (total === 0) return null;
      const middle = await db
        .select({ value: int(duration) })
        .from(c)
        .where(where)
        .orderBy(duration)
        // Written into the statement: told it reads one or two rows, SQLite walks the duration index in its
        // order instead of sorting every conversation of the period.
        .limit(fixedLimit(total % 2 === 1 ? 1 : 2))
        .offset(Math.floor((total - 1) / 2));
      if (middle.length === 0) return null;
      // Milliseconds averaged, then seconds to the millisecond (no 0.10600000000000001 in the CSV).
      return Math.round(middle.reduce((sum, row) => sum + row.value, 0) / middle.length) / 1000;
    };

    // One pass over the handed-over conversations for the rules and the nodes that handed them over.
    const handoffs = await db
      .select({
        ruleId: c.handoffRuleId,
        kind: c.handoffRuleKind,
        flowId: c.handoffFlowId,
        flowVersion: c.handoffFlowVersion,
        nodeId: c.handoffNodeId,
        count: int(sql`count(*)`),
      })
      .from(c)
      .where(and(ofFlow, eq(c.outcome, "handover")))
      .groupBy(c.handoffRuleId, c.handoffRuleKind, c.handoffFlowId, c.handoffFlowVersion, c.handoffNodeId);
    const rules = sumBy(handoffs, ({ ruleId, kind, flowId, flowVersion }) => ({ ruleId, kind, flowId, flowVersion }));
    const handoffNodes = sumBy(handoffs, ({ flowId, nodeId }) => ({ flowId, nodeId }));

    // The folded counts and the deltas not folded yet, in one statement: one snapshot, so an increment
    // the folder moves meanwhile is seen once, on one side or the other.
    const ofCounts = (table: typeof k | typeof d) =>
      and(
        eq(table.flowId, flowId),
        version === undefined ? undefined : eq(table.flowVersion, version),
        between(table.day, fromDay, toDay),
      );
    const both = db
      .select({ kind: k.kind, key: k.key, count: k.count })
      .from(k)
      .where(ofCounts(k))
      .unionAll(db.select({ kind: d.kind, key: d.key, count: d.count }).from(d).where(ofCounts(d)))
      .as("both");
    const counted = await db
      .select({ kind: both.kind, key: both.key, count: int(sql`sum(${both.count})`) })
      .from(both)
      .groupBy(both.kind, both.key);
    const dropOffs = await db
      .select({ nodeId: c.atNodeId, count: int(sql`count(*)`) })
      .from(c)
      .where(
        and(
          eq(c.atFlowId, flowId),
          version === undefined ? undefined : eq(c.atFlowVersion, version),
          between(c.day, fromDay, toDay),
          open,
        ),
      )
      .groupBy(c.atNodeId);

    const nodes = new Map<string, NodeFigures>();
    const nodeOf = (nodeId: string) => {
      let node = nodes.get(nodeId);
      if (!node) {
        node = { nodeId, reached: 0, dropOff: 0, answers: 0, notUnderstood: 0 };
        nodes.set(nodeId, node);
      }
      return node;
    };
    const transitions: AnalyticsFigures["transitions"] = [];
    for (const row of counted) {
      if (row.kind === "reach") nodeOf(row.key).reached = row.count;
      else if (row.kind === "answers") nodeOf(row.key).answers = row.count;
      else if (row.kind === "misses") nodeOf(row.key).notUnderstood = row.count;
      else if (row.kind === "edge") {
        const cut = row.key.lastIndexOf(">");
        transitions.push({
          id: row.key,
          from: row.key.slice(0, cut),
          handle: row.key.slice(cut + 1),
          count: row.count,
        });
      }
    }
    for (const row of dropOffs) if (row.nodeId !== null) nodeOf(row.nodeId).dropOff = row.count;

    return {
      flowId,
      version: version ?? null,
      from: dayText(fromDay),
      to: dayText(toDay),
      abandonAfterMinutes: request.abandonAfterMinutes,
      conversations: {
        started,
        contained,
        handedOver,
        abandoned,
        ongoing: started - contained - handedOver - abandoned,
      },
      containment: started === 0 ? null : contained / started,
      medianMessages: medianOf([...messages].map(([value, count]) => ({ value, count }))),
      medianResolutionSeconds: await medianDuration("contained"),
      medianHandoffSeconds: await medianDuration("handover"),
      handoffsByRule: rules,
      handoffsByNode: handoffNodes
        .map((row) => ({ flowId: row.flowId ?? "", nodeId: row.nodeId ?? "", count: row.count }))
        .sort(byCount((node) => `${node.flowId}/${node.nodeId}`)),
      nodes: [...nodes.values()].sort((a, b) => a.nodeId.localeCompare(b.nodeId)),
      transitions: transitions.sort((a, b) => a.id.localeCompare(b.id)),
      days: Array.from({ length: toDay - fromDay + 1 }, (_, index) => {
        const day = fromDay + index;
        const row = byDay.get(day);
        return {
          day: dayText(day),
          started: row?.started ?? 0,
          contained: row?.contained ?? 0,
          handedOver: row?.handedOver ?? 0,
        };
      }),
    };
  });
  // After the read: on SQLite reads take turns, and the labels are read in a turn of their own.
  const labels = await ruleLabels(
    store,
    figures.handoffsByRule.flatMap((row) =>
      row.flowId && row.flowVersion !== null ? [[row.flowId, row.flowVersion] as const] : [],
    ),
  );
  return {
    ...figures,
    handoffsByRule: mergeRules(figures.handoffsByRule, labels).sort(byCount((rule) => rule.ruleId)),
  };
}

/** `rows` summed by the part of them `key` keeps, in the order each part is first met. */
function sumBy<R extends { count: number }, K extends object>(
  rows: readonly R[],
  key: (row: R) => K,
): (K & { count: number })[] {
  const sums = new Map<string, K & { count: number }>();
  for (const row of rows) {
    const part = key(row);
    const id = JSON.stringify(Object.values(part));
    const sum = sums.get(id);
    if (sum) sum.count += row.count;
    else sums.set(id, { ...part, count: row.count });
  }
  return [...sums.values()];
}

/** Most first; ties in a fixed order, so that two reads of the same figures read the same. */
const byCount =
  <T extends { count: number }>(name: (entry: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || name(a).localeCompare(name(b));

type Label = AnalyticsFigures["handoffsByRule"][number]["label"];

/** One entry per rule: the same rule over several versions adds up, under the newest version's label. */
function mergeRules(
  rows: {
    ruleId: string | null;
    kind: string | null;
    flowId: string | null;
    flowVersion: number | null;
    count: number;
  }[],
  labels: Map<string, Label>,
): AnalyticsFigures["handoffsByRule"] {
  const merged = new Map<string, AnalyticsFigures["handoffsByRule"][number] & { version: number }>();
  for (const row of rows) {
    const ruleId = row.ruleId ?? "";
    const version = row.flowVersion ?? 0;
    const label = labels.get(JSON.stringify([row.flowId, version, ruleId])) ?? null;
    const entry = merged.get(ruleId);
    if (!entry) {
      merged.set(ruleId, { ruleId, kind: row.kind ?? "", label, count: row.count, version });
      continue;
    }
    entry.count += row.count;
    if (version > entry.version && label !== null) Object.assign(entry, { label, version });
  }
  return [...merged.values()].map(({ version: _version, ...entry }) => entry);
}

/** The label of every escalation rule and handoff node of the given flow versions, by `[flow, version, id]`. */
async function ruleLabels(store: Store, versions: (readonly [string, number])[]): Promise<Map<string, Label>> {
  const labels = new Map<string, Label>();
  const distinct = new Map(versions.map((entry) => [JSON.stringify(entry), entry]));
  for (const [flowId, version] of distinct.values()) {
    const stored = await getVersion(store, flowId, version);
    const flow = stored?.flow as Flow | undefined;
    if (!flow) continue;
    const key = (id: string) => JSON.stringify([flowId, version, id]);
    for (const rule of flow.escalation?.rules ?? []) if (rule.label !== undefined) labels.set(key(rule.id), rule.label);
    for (const node of flow.nodes) if (node.type === "handoff" && node.label) labels.set(key(node.id), node.label);
  }
  return labels;
}
