import { eq, sql } from "drizzle-orm";
import type { EngineStatus } from "../engine/types.js";
import type { Metrics } from "../plugins/metrics.js";
import type { Db, Tables } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { StringList } from "../store/json-columns.js";
import { type ConversationAggregate, foldTurn, type Turn } from "./fold.js";

export type StepFacts = Omit<Turn, "status"> & { status: Exclude<EngineStatus, { type: "effect" }> };

/** What a recorded step changed, for the Prometheus counters once it is committed. */
export interface RecordedStep {
  aggregate: ConversationAggregate;
  started: boolean;
  outcomeChanged: boolean;
}

/**
 * Keeps the analytics of a conversation up to date with one bot step, inside the step's
 * transaction: one read of its row, one write of it, one upsert of the counts it adds.
 */
export async function recordStep(db: Db, tables: Tables, facts: StepFacts): Promise<RecordedStep> {
  const { analyticsConversations: rows, analyticsCounts: counts } = tables;
  const [stored] = await db.select().from(rows).where(eq(rows.conversationId, facts.conversationId));
  const previous = stored
    ? ({
        ...stored,
        path: readJson(StringList, stored.path, {
          table: "analytics_conversations",
          column: "path",
          id: stored.conversationId,
        }),
      } as ConversationAggregate)
    : undefined;
  const { status } = facts;
  const folded = foldTurn(previous, {
    ...facts,
    status:
      status.type === "handoff"
        ? {
            type: "handoff",
            ruleId: status.handoff.reason.ruleId,
            ruleKind: status.handoff.reason.kind,
            flowId: status.handoff.flowId,
            nodeId: status.handoff.nodeId,
          }
        : { type: status.type },
  });
  const row = { ...folded.aggregate, path: JSON.stringify(folded.aggregate.path) };
  if (stored) await db.update(rows).set(row).where(eq(rows.conversationId, facts.conversationId));
  else await db.insert(rows).values(row);
  if (folded.counts.length > 0) {
    await db
      .insert(counts)
      .values(folded.counts)
      .onConflictDoUpdate({
        target: [counts.flowId, counts.flowVersion, counts.day, counts.kind, counts.key],
        set: { count: sql`${counts.count} + excluded.count` },
      });
  }
  return { aggregate: folded.aggregate, started: folded.started, outcomeChanged: folded.outcomeChanged };
}

/** Counts a committed step in the Prometheus counters of containment and handoffs by rule. */
export function countStep(
  metrics: Pick<Metrics, "conversationsStarted" | "conversationsContained" | "conversationsHandedOver">,
  step: RecordedStep,
): void {
  const { aggregate } = step;
  const labels = { flow: aggregate.flowId, version: String(aggregate.flowVersion) };
  if (step.started) metrics.conversationsStarted.inc(labels);
  if (!step.outcomeChanged) return;
  if (aggregate.outcome === "contained") metrics.conversationsContained.inc(labels);
  if (aggregate.outcome === "handover") {
    metrics.conversationsHandedOver.inc({ ...labels, rule: aggregate.handoffRuleId ?? "" });
  }
}
