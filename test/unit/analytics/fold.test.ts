import { describe, expect, it } from "vitest";
import { dayOf, foldTurn, type Turn } from "../../../runtime/analytics/fold.js";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const turn = (overrides: Partial<Turn>): Turn => ({
  conversationId: "c1",
  flowId: "main",
  flowVersion: 3,
  pinned: { main: 3, identify: 7 },
  now: T0,
  customerMessage: true,
  events: [],
  status: { type: "wait" },
  ...overrides,
});

describe("folding a conversation's steps into analytics", () => {
  it("starts the conversation on its first step, on the UTC day it started", () => {
    const { aggregate, started, counts } = foldTurn(
      undefined,
      turn({
        events: [
          { type: "node", flowId: "main", nodeId: "start" },
          { type: "node", flowId: "main", nodeId: "ask", from: "start", handle: "next" },
        ],
      }),
    );
    expect(started).toBe(true);
    expect(aggregate).toMatchObject({
      flowId: "main",
      flowVersion: 3,
      day: dayOf(T0),
      startedAt: T0,
      lastCustomerAt: T0,
      customerMessages: 1,
      outcome: "open",
      atFlowId: "main",
      atFlowVersion: 3,
      atNodeId: "ask",
      path: ["n:main/start", "n:main/ask", "e:main/start>next"],
    });
    expect(counts).toEqual([
      { flowId: "main", flowVersion: 3, day: dayOf(T0), kind: "reach", key: "start", count: 1 },
      { flowId: "main", flowVersion: 3, day: dayOf(T0), kind: "reach", key: "ask", count: 1 },
      { flowId: "main", flowVersion: 3, day: dayOf(T0), kind: "edge", key: "start>next", count: 1 },
    ]);
  });

  it("counts a node or transition once per conversation, every answer each time", () => {
    const first = foldTurn(undefined, turn({ events: [{ type: "node", flowId: "main", nodeId: "ask" }] }));
    const again = foldTurn(
      first.aggregate,
      turn({
        now: T0 + 86_400_000,
        events: [
          { type: "input", flowId: "main", nodeId: "ask", valid: false },
          { type: "node", flowId: "main", nodeId: "ask", from: "ask", handle: "fallback" },
          { type: "node", flowId: "main", nodeId: "ask", from: "ask", handle: "fallback" },
          { type: "input", flowId: "main", nodeId: "ask", valid: true },
        ],
      }),
    );
    expect(again.started).toBe(false);
    // Still counted on the day the conversation started.
    expect(again.counts).toEqual([
      { flowId: "main", flowVersion: 3, day: dayOf(T0), kind: "answers", key: "ask", count: 2 },
      { flowId: "main", flowVersion: 3, day: dayOf(T0), kind: "misses", key: "ask", count: 1 },
      { flowId: "main", flowVersion: 3, day: dayOf(T0), kind: "edge", key: "ask>fallback", count: 1 },
    ]);
    expect(again.aggregate.customerMessages).toBe(2);
    expect(again.aggregate.lastCustomerAt).toBe(T0 + 86_400_000);
    expect(first.aggregate.path).toEqual(["n:main/ask"]);
  });

  it("counts the nodes of a called flow under that flow's pinned version", () => {
    const { counts, aggregate } = foldTurn(
      undefined,
      turn({ events: [{ type: "node", flowId: "identify", nodeId: "ask-email" }] }),
    );
    expect(counts).toEqual([
      { flowId: "identify", flowVersion: 7, day: dayOf(T0), kind: "reach", key: "ask-email", count: 1 },
    ]);
    expect(aggregate).toMatchObject({ flowId: "main", flowVersion: 3, atFlowId: "identify", atFlowVersion: 7 });
  });

  it("keeps the first handoff: a conversation a person had is never contained", () => {
    const handed = foldTurn(
      undefined,
      turn({ status: { type: "handoff", ruleId: "vip", ruleKind: "value", flowId: "main", nodeId: "ask" } }),
    );
    expect(handed.outcomeChanged).toBe(true);
    expect(handed.aggregate).toMatchObject({
      outcome: "handover",
      endedAt: T0,
      handoffRuleId: "vip",
      handoffRuleKind: "value",
      handoffFlowVersion: 3,
      handoffNodeId: "ask",
    });
    const resumed = foldTurn(
      handed.aggregate,
      turn({ now: T0 + 60_000, customerMessage: false, status: { type: "end" } }),
    );
    expect(resumed.outcomeChanged).toBe(false);
    expect(resumed.aggregate).toMatchObject({ outcome: "handover", endedAt: T0, customerMessages: 1 });
    const second = foldTurn(
      resumed.aggregate,
      turn({
        now: T0 + 120_000,
        status: { type: "handoff", ruleId: "error", ruleKind: "error", flowId: "main", nodeId: "x" },
      }),
    );
    expect(second.aggregate.handoffRuleId).toBe("vip");
  });

  it("is contained when the bot ends it, at the time it ended", () => {
    const open = foldTurn(undefined, turn({}));
    const ended = foldTurn(open.aggregate, turn({ now: T0 + 90_000, status: { type: "end" } }));
    expect(ended.outcomeChanged).toBe(true);
    expect(ended.aggregate).toMatchObject({ outcome: "contained", startedAt: T0, endedAt: T0 + 90_000 });
  });

  it("leaves the stored aggregate as it was", () => {
    const first = foldTurn(undefined, turn({ events: [{ type: "node", flowId: "main", nodeId: "a" }] }));
    const copy = structuredClone(first.aggregate);
    foldTurn(
      first.aggregate,
      turn({ events: [{ type: "node", flowId: "main", nodeId: "b" }], status: { type: "end" } }),
    );
    expect(first.aggregate).toEqual(copy);
  });
});
