import { describe, expect, it } from "vitest";
import { lintFlow } from "../../../schema/index.js";
import { FILE, flowOf } from "../schema/lint/fixtures.js";

const flow = () =>
  flowOf(
    [
      { id: "start", type: "start", next: "to-person" },
      { id: "to-person", type: "handoff", queue: "suport", priority: "normal" },
    ],
    {
      escalation: {
        defaultQueue: "support",
        rules: [
          { id: "asks", queue: "support", priority: "normal", kind: "humanRequest" },
          { id: "big", queue: "vip", priority: "high", kind: "value", when: "1 = 1" },
        ],
      },
    },
  );

const unknownQueues = (queues?: readonly string[]) =>
  lintFlow(flow(), FILE, queues ? { queues } : {}).filter((problem) => problem.code === "lint/unknown-queue");

describe("lint: unknown queue", () => {
  it("warns about each handoff to a queue the runtime does not know, with the likely fix", () => {
    expect(unknownQueues(["support", "priority", "level2"])).toEqual([
      {
        code: "lint/unknown-queue",
        params: { queue: "vip", known: ["support", "priority", "level2"] },
        severity: "warning",
        file: FILE,
        pointer: "/escalation/rules/1/queue",
        message:
          "escalation rule `big` hands over to the queue `vip`, which does not exist; create the queue `vip` (admin, Queues) or pick one of support, priority, level2.",
      },
      {
        code: "lint/unknown-queue",
        params: { queue: "suport", known: ["support", "priority", "level2"], suggestion: "support" },
        severity: "warning",
        file: FILE,
        nodeId: "to-person",
        pointer: "/nodes/1/queue",
        message:
          "node `to-person` hands over to the queue `suport`, which does not exist; did you mean `support`? Otherwise create the queue `suport` (admin, Queues) or pick one of support, priority, level2.",
      },
    ]);
  });

  it("checks the default queue too", () => {
    expect(unknownQueues(["suport", "vip"]).map((problem) => problem.pointer)).toEqual([
      "/escalation/defaultQueue",
      "/escalation/rules/0/queue",
    ]);
  });

  it("says nothing when the caller does not know the queues (the CLI alone)", () => {
    expect(unknownQueues()).toEqual([]);
    expect(unknownQueues([])).toEqual([]);
  });
});
