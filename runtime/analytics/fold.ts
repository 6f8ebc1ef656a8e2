import type { EngineEvent } from "../engine/types.js";
import type { COUNT_KINDS, OUTCOMES } from "../store/enums.js";

/** How a conversation stands for analytics; the row of `analytics_conversations`. */
export interface ConversationAggregate {
  conversationId: string;
  flowId: string;
  flowVersion: number;
  day: number;
  startedAt: number;
  lastCustomerAt: number;
  customerMessages: number;
  outcome: (typeof OUTCOMES)[number];
  endedAt: number | null;
  atFlowId: string | null;
  atFlowVersion: number | null;
  atNodeId: string | null;
  /** Keys of the nodes (`n:flow/node`) and transitions (`e:flow/from>handle`) it took. */
  path: string[];
  handoffRuleId: string | null;
  handoffRuleKind: string | null;
  handoffFlowId: string | null;
  handoffFlowVersion: number | null;
  handoffNodeId: string | null;
}

export type CountKind = (typeof COUNT_KINDS)[number];

/** What to add to `analytics_counts`; `day` is the conversation's start day. */
export interface CountIncrement {
  flowId: string;
  flowVersion: number;
  day: number;
  kind: CountKind;
  key: string;
  count: number;
}

/** One bot step of a conversation, as the processor commits it. */
export interface Turn {
  conversationId: string;
  flowId: string;
  flowVersion: number;
  /** The version of every flow the conversation may enter. */
  pinned: Record<string, number>;
  now: number;
  /** The customer wrote (or tapped) to start this step; an agent giving back is no customer message. */
  customerMessage: boolean;
  events: readonly EngineEvent[];
  status:
    | { type: "wait" | "end" }
    | { type: "handoff"; ruleId: string; ruleKind: string; flowId: string; nodeId: string };
}

const DAY_MS = 86_400_000;
export const dayOf = (epochMs: number) => Math.floor(epochMs / DAY_MS);

/** A step being folded: module-level helpers rather than closures made again at every step. */
interface Folding {
  turn: Turn;
  aggregate: ConversationAggregate;
  /** The path's keys, to count a node or transition once per conversation. */
  taken: Set<string>;
  counts: Map<string, CountIncrement>;
}

const versionOf = (turn: Turn, flowId: string) => turn.pinned[flowId] ?? turn.flowVersion;

function add(folding: Folding, flowId: string, kind: CountKind, key: string, once: boolean): void {
  const { aggregate, taken, counts } = folding;
  if (once) {
    const pathKey = `${kind === "reach" ? "n" : "e"}:${flowId}/${key}`;
    if (taken.has(pathKey)) return;
    taken.add(pathKey);
    aggregate.path.push(pathKey);
  }
  const id = JSON.stringify([flowId, kind, key]);
  const count = counts.get(id);
  if (count) count.count += 1;
  else
    counts.set(id, { flowId, flowVersion: versionOf(folding.turn, flowId), day: aggregate.day, kind, key, count: 1 });
}

/**
 * The conversation's aggregate after a step, and the counts the step adds. Pure: the processor
 * reads the row, calls this and writes both in the step's transaction. A node or transition counts
 * once per conversation however often it is taken; answers count each time.
 */
export function foldTurn(
  previous: ConversationAggregate | undefined,
  turn: Turn,
): { aggregate: ConversationAggregate; counts: CountIncrement[]; started: boolean; outcomeChanged: boolean } {
  const aggregate: ConversationAggregate = previous
    ? { ...previous, path: [...previous.path] }
    : {
        conversationId: turn.conversationId,
        flowId: turn.flowId,
        flowVersion: turn.flowVersion,
        day: dayOf(turn.now),
        startedAt: turn.now,
        lastCustomerAt: turn.now,
        customerMessages: 0,
        outcome: "open",
        endedAt: null,
        atFlowId: null,
        atFlowVersion: null,
        atNodeId: null,
        path: [],
        handoffRuleId: null,
        handoffRuleKind: null,
        handoffFlowId: null,
        handoffFlowVersion: null,
        handoffNodeId: null,
      };
  if (turn.customerMessage) {
    aggregate.customerMessages += 1;
    aggregate.lastCustomerAt = turn.now;
  }
  const folding: Folding = { turn, aggregate, taken: new Set(aggregate.path), counts: new Map() };
  const { counts } = folding;
  for (const event of turn.events) {
    if (event.type === "node") {
      add(folding, event.flowId, "reach", event.nodeId, true);
      if (event.from !== undefined && event.handle !== undefined) {
        add(folding, event.flowId, "edge", `${event.from}>${event.handle}`, true);
      }
      aggregate.atFlowId = event.flowId;
      aggregate.atFlowVersion = versionOf(turn, event.flowId);
      aggregate.atNodeId = event.nodeId;
    } else if (event.type === "input") {
      add(folding, event.flowId, "answers", event.nodeId, false);
      if (!event.valid) add(folding, event.flowId, "misses", event.nodeId, false);
    }
  }
  const before = aggregate.outcome;
  const { status } = turn;
  if (status.type === "handoff" && aggregate.outcome !== "handover") {
    aggregate.outcome = "handover";
    aggregate.endedAt = turn.now;
    aggregate.handoffRuleId = status.ruleId;
    aggregate.handoffRuleKind = status.ruleKind;
    aggregate.handoffFlowId = status.flowId;
    aggregate.handoffFlowVersion = versionOf(turn, status.flowId);
    aggregate.handoffNodeId = status.nodeId;
  } else if (status.type === "end" && aggregate.outcome === "open") {
    aggregate.outcome = "contained";
    aggregate.endedAt = turn.now;
  }
  return {
    aggregate,
    counts: [...counts.values()],
    started: previous === undefined,
    outcomeChanged: aggregate.outcome !== before,
  };
}
