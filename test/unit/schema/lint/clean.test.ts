import { describe, expect, it } from "vitest";
import { lintFlow, lintSeverityCounts } from "../../../../schema/index.js";
import { FILE, flowOf, linear, linearVariables } from "./fixtures.js";

describe("lintFlow on a sound flow", () => {
  it("reports nothing", () => {
    expect(lintFlow(flowOf(linear(), linearVariables), FILE)).toEqual([]);
  });

  it("sorts flow-level problems first, then by node and by pointer, array indices as numbers", () => {
    const nodes = [
      { id: "start", type: "start", next: "menu" },
      {
        id: "menu",
        type: "message",
        text: "Choisissez",
        choices: Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, label: `Choix ${i}` })),
      },
      { id: "menu", type: "end" },
    ];
    const problems = lintFlow(flowOf(nodes, { escalation: escalationWithDuplicate }), FILE);
    expect(problems.map((problem) => problem.pointer)).toEqual([
      "/escalation/rules/1/id",
      ...Array.from({ length: 10 }, (_, i) => `/nodes/1/choices/${i}/next`),
      "/nodes/2/id",
    ]);
  });

  it("counts errors and warnings", () => {
    const flow = flowOf([
      { id: "start", type: "start" },
      { id: "lost", type: "end" },
    ]);
    expect(lintSeverityCounts(lintFlow(flow, FILE))).toEqual({ errors: 1, warnings: 1 });
  });
});

const escalationWithDuplicate = {
  defaultQueue: "support",
  rules: [
    { id: "human", kind: "humanRequest", queue: "support", priority: "high" },
    { id: "human", kind: "humanRequest", queue: "support", priority: "high" },
  ],
};
