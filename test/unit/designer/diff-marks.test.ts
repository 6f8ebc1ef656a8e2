import { describe, expect, it } from "vitest";
import { diffMarks } from "../../../designer/src/model/diff-marks.js";
import type { FlowNode } from "../../../schema/index.js";
import { sampleFlow } from "./sample-flow.js";

describe("the draft against the live version, on the canvas", () => {
  it("marks added and changed nodes and lists removed ones", () => {
    const live = sampleFlow();
    const draft = sampleFlow();
    draft.nodes = draft.nodes.filter((node) => node.id !== "agent");
    draft.nodes.push({ id: "bye", type: "end" });
    const done = draft.nodes.find((node) => node.id === "done") as FlowNode & { text: string };
    done.text = "Merci beaucoup";
    const diff = diffMarks(live, draft);
    expect(diff.marks).toEqual(
      new Map([
        ["done", "changed"],
        ["bye", "added"],
      ]),
    );
    expect(diff.removed).toEqual(["agent"]);
  });

  it("does not count the order of a node's keys as a change", () => {
    const live = sampleFlow();
    const draft = sampleFlow();
    draft.nodes = draft.nodes.map((node) =>
      node.id === "lookup" ? (Object.fromEntries(Object.entries(node).reverse()) as FlowNode) : node,
    );
    expect(diffMarks(live, draft)).toEqual({ marks: new Map(), removed: [] });
  });
});
