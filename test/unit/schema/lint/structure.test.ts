import { describe, expect, it } from "vitest";
import { FILE, flowOf, linear, problemsOf } from "./fixtures.js";

describe("lint/duplicate-id", () => {
  it("points at the second node holding the id and proposes a free one", () => {
    const nodes = [...linear(), { id: "ask", type: "end" }];
    expect(problemsOf("duplicate-id", flowOf(nodes))).toEqual([
      {
        code: "lint/duplicate-id",
        params: { first: 2, id: "ask", position: 4, suggestion: "ask-2" },
        severity: "error",
        file: FILE,
        nodeId: "ask",
        pointer: "/nodes/3/id",
        message: "node 4 has the id `ask` of node 2; give it another id, e.g. `ask-2`.",
      },
    ]);
  });

  it("accepts distinct ids", () => {
    expect(problemsOf("duplicate-id", flowOf(linear()))).toEqual([]);
  });
});

describe("lint/missing-start and lint/multiple-start", () => {
  it("reports a flow without a start node", () => {
    const [, ...rest] = linear();
    const problems = problemsOf("missing-start", flowOf(rest));
    expect(problems).toMatchObject([{ pointer: "/nodes", severity: "error" }]);
    expect(problems[0]?.message).toContain("add a node of type `start`");
  });

  it("reports every start after the first", () => {
    const nodes = [...linear(), { id: "again", type: "start", next: "bye" }];
    expect(problemsOf("multiple-start", flowOf(nodes))).toMatchObject([
      { nodeId: "again", pointer: "/nodes/3/type", message: expect.stringContaining("the first is `start`") },
    ]);
  });

  it("accepts exactly one start", () => {
    const flow = flowOf(linear());
    expect([...problemsOf("missing-start", flow), ...problemsOf("multiple-start", flow)]).toEqual([]);
  });
});

describe("lint/missing-target", () => {
  it("names the missing id and suggests the closest existing one", () => {
    const nodes = linear();
    nodes[1] = { ...nodes[1], next: "bey" };
    expect(problemsOf("missing-target", flowOf(nodes))).toEqual([
      {
        code: "lint/missing-target",
        params: { handle: "next", suggestion: "bye", target: "bey" },
        severity: "error",
        file: FILE,
        nodeId: "ask",
        pointer: "/nodes/1/next",
        message: "node `ask` leads to `bey` for `next`, but no node has that id; did you mean `bye`?",
      },
    ]);
  });

  it("suggests nothing when no id is close", () => {
    const nodes = linear();
    nodes[0] = { id: "start", type: "start", next: "completely-elsewhere" };
    const [problem] = problemsOf("missing-target", flowOf(nodes));
    expect(problem?.message).toContain("connect it to an existing node");
  });

  it("accepts transitions to existing nodes", () => {
    expect(problemsOf("missing-target", flowOf(linear()))).toEqual([]);
  });
});

describe("lint/missing-transition", () => {
  it("reports a required way out left unconnected, by handle", () => {
    const nodes = [
      { id: "start", type: "start", next: "lookup" },
      { id: "lookup", type: "http", method: "GET", url: "https://crm.example/x", next: "bye" },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("missing-transition", flowOf(nodes))).toEqual([
      {
        code: "lint/missing-transition",
        params: { handle: "error" },
        severity: "error",
        file: FILE,
        nodeId: "lookup",
        pointer: "/nodes/1/onError",
        message: "node `lookup` has no transition for `error`; connect it to a node.",
      },
    ]);
  });

  it("names choices by their id", () => {
    const nodes = [
      { id: "start", type: "start", next: "menu" },
      { id: "menu", type: "message", text: "Alors ?", choices: [{ id: "yes", label: "Oui" }] },
    ];
    expect(problemsOf("missing-transition", flowOf(nodes))).toMatchObject([
      {
        pointer: "/nodes/1/choices/0/next",
        message: "node `menu` has no transition for choice `yes`; connect it to a node.",
      },
    ]);
  });

  it("does not ask for optional ways out (a message's fallback)", () => {
    const nodes = [
      { id: "start", type: "start", next: "menu" },
      { id: "menu", type: "message", text: "Alors ?", choices: [{ id: "yes", label: "Oui", next: "bye" }] },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("missing-transition", flowOf(nodes))).toEqual([]);
  });
});

describe("lint/no-path-after-max-attempts", () => {
  const asking = (extra: Record<string, unknown>) => {
    const nodes = linear();
    nodes[1] = { ...nodes[1], ...extra };
    return flowOf(nodes);
  };

  it("asks to connect onMaxAttempts or remove maxAttempts, and only that", () => {
    const flow = asking({ maxAttempts: 3 });
    const problems = problemsOf("no-path-after-max-attempts", flow);
    expect(problems).toMatchObject([{ nodeId: "ask", pointer: "/nodes/1/onMaxAttempts", severity: "error" }]);
    expect(problems[0]?.message).toContain("connect `onMaxAttempts`");
    expect(problems[0]?.message).toContain("or remove `maxAttempts`");
    expect(problemsOf("missing-transition", flow)).toEqual([]);
  });

  it("accepts a connected onMaxAttempts, or no maxAttempts at all", () => {
    expect(problemsOf("no-path-after-max-attempts", asking({ maxAttempts: 3, onMaxAttempts: "bye" }))).toEqual([]);
    expect(problemsOf("no-path-after-max-attempts", asking({}))).toEqual([]);
  });
});

describe("lint/duplicate-handle", () => {
  it("reports two choices with one id", () => {
    const nodes = [
      { id: "start", type: "start", next: "menu" },
      {
        id: "menu",
        type: "message",
        text: "Alors ?",
        choices: [
          { id: "yes", label: "Oui", next: "bye" },
          { id: "yes", label: "Oui !", next: "bye" },
        ],
      },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("duplicate-handle", flowOf(nodes))).toMatchObject([
      { nodeId: "menu", pointer: "/nodes/1/choices/1", message: expect.stringContaining("choice `yes`") },
    ]);
  });

  it("accepts distinct choice ids", () => {
    expect(problemsOf("duplicate-handle", flowOf(linear()))).toEqual([]);
  });
});

describe("lint/unreachable-node", () => {
  it("warns about a node no transition leads to", () => {
    const nodes = [...linear(), { id: "orphan", type: "handoff", queue: "support" }];
    expect(problemsOf("unreachable-node", flowOf(nodes))).toEqual([
      {
        code: "lint/unreachable-node",
        params: { from: [] },
        severity: "warning",
        file: FILE,
        nodeId: "orphan",
        pointer: "/nodes/3",
        message:
          "node `orphan` cannot be reached from the start (no transition leads to it); connect a transition to it, or delete it.",
      },
    ]);
  });

  it("names the unreachable nodes that lead to an unreachable node", () => {
    const nodes = [
      ...linear(),
      { id: "orphan", type: "message", text: "Perdu", next: "lost" },
      { id: "lost", type: "end" },
    ];
    expect(problemsOf("unreachable-node", flowOf(nodes)).map((problem) => problem.message)).toEqual([
      "node `orphan` cannot be reached from the start (no transition leads to it); connect a transition to it, or delete it.",
      "node `lost` cannot be reached from the start (only `orphan` leads to it, and it is unreachable too); connect a transition to it, or delete it.",
    ]);
  });

  it("follows every kind of transition, loops included, and leaves a flow without start to missing-start", () => {
    const nodes = [
      { id: "start", type: "start", next: "route" },
      { id: "route", type: "condition", rules: [{ id: "big", when: "1 > 0", next: "lookup" }], else: "other" },
      { id: "lookup", type: "http", method: "GET", url: "https://x.example", next: "route", onError: "human" },
      { id: "other", type: "jump", flow: "elsewhere", next: "back" },
      { id: "back", type: "return" },
      { id: "human", type: "handoff", queue: "support" },
    ];
    expect(problemsOf("unreachable-node", flowOf(nodes))).toEqual([]);
    expect(problemsOf("unreachable-node", flowOf(nodes.slice(1)))).toEqual([]);
  });
});
