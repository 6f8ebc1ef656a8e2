import { describe, expect, it } from "vitest";
import { findNode } from "../../../designer/src/model/find.js";
import { problemsOf, severityByNode } from "../../../designer/src/problems/problems.js";
import { sampleFlow } from "./sample-flow.js";

describe("find a node by its text", () => {
  it("matches ids, labels and texts without case or accents", () => {
    const flow = sampleFlow();
    expect(findNode(flow, "SUJET")).toBe("ask-topic");
    expect(findNode(flow, "crm.example")).toBe("lookup");
    expect(findNode(flow, "merci")).toBe("done");
    expect(findNode(flow, "introuvable")).toBeUndefined();
    expect(findNode(flow, "  ")).toBeUndefined();
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
