import { describe, expect, it } from "vitest";
import { findNodes } from "../../../designer/src/model/find.js";
import { problemsOf, severityByNode } from "../../../designer/src/problems/problems.js";
import { sampleFlow } from "./sample-flow.js";

describe("find a node by its text", () => {
  it("matches ids, labels and texts without case or accents", () => {
    const flow = sampleFlow();
    expect(findNodes(flow, "SUJET")).toEqual(["ask-topic"]);
    expect(findNodes(flow, "crm.example")).toEqual(["lookup"]);
    expect(findNodes(flow, "merci")).toEqual(["done"]);
    expect(findNodes(flow, "introuvable")).toEqual([]);
    expect(findNodes(flow, "  ")).toEqual([]);
  });

  it("finds a node, not those that lead to it, and puts the node of that very id first", () => {
    const flow = sampleFlow();
    // `start` leads to ask-topic, ask-topic and lookup lead to done: only the node itself is found.
    expect(findNodes(flow, "ask-topic")).toEqual(["ask-topic"]);
    expect(findNodes(flow, "done")).toEqual(["done"]);
    expect(findNodes(flow, "agent")).toEqual(["agent"]);
    flow.nodes.push({ id: "done-2", type: "end", label: "Fin (done)" });
    expect(findNodes(flow, "done")).toEqual(["done", "done-2"]);
    expect(findNodes(flow, "DONE-2")).toEqual(["done-2"]);
  });
});

describe("problems of the draft", () => {
  it("reports schema problems first, with the node they belong to", () => {
    const flow = sampleFlow();
    flow.nodes.push({ id: "broken", type: "handoff" } as never);
    const problems = problemsOf(flow, new Map());
    expect(problems.some((p) => p.code.startsWith("schema/") && p.nodeId === "broken" && p.severity === "error")).toBe(
      true,
    );
    expect(severityByNode(problems).get("broken")).toBe("error");
  });

  it("still reports the graph's problems while a field does not validate", () => {
    const flow = sampleFlow();
    const ask = flow.nodes.find((node) => node.id === "ask-topic");
    if (ask?.type !== "question") throw new Error("the sample has no question ask-topic");
    ask.text = "";
    flow.nodes.push({ id: "orphan", type: "message", text: "Perdu" });
    const problems = problemsOf(flow, new Map());
    expect(problems.some((p) => p.code.startsWith("schema/") && p.nodeId === "ask-topic")).toBe(true);
    expect(problems.filter((p) => p.nodeId === "orphan").map((p) => p.code)).toEqual(
      expect.arrayContaining(["lint/unreachable-node", "lint/missing-transition"]),
    );
    // Each problem once: the graph checks add nothing the schema already said.
    expect(new Set(problems.map((p) => `${p.code} ${p.pointer}`)).size).toBe(problems.length);
  });

  it("lints a flow that validates, and marks each node with its worst problem", () => {
    const flow = sampleFlow();
    flow.nodes.push({ id: "orphan", type: "end" });
    const problems = problemsOf(flow, new Map());
    expect(problems.every((p) => p.code.startsWith("lint/"))).toBe(true);
    const orphan = problems.filter((p) => p.nodeId === "orphan");
    expect(orphan.length).toBeGreaterThan(0);
    expect(severityByNode(problems).get("orphan")).toBe(
      orphan.some((p) => p.severity === "error") ? "error" : "warning",
    );
  });
});
