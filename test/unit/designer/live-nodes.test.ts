import { describe, expect, it } from "vitest";
import { keepShownContent } from "../../../designer/src/canvas/live-nodes.js";
import { emptyLayout } from "../../../designer/src/model/document.js";
import { type FlowNodeData, toGraph } from "../../../designer/src/model/graph.js";
import type { Flow, FlowNode } from "../../../schema/index.js";

describe("keepShownContent", () => {
  const flow = (question: FlowNode): Flow => ({
    schemaVersion: 1,
    id: "f",
    name: "F",
    languages: ["fr"],
    nodes: [{ id: "start", type: "start", next: "q" }, question, { id: "end", type: "end" }],
  });
  const question: FlowNode = {
    id: "q",
    type: "question",
    text: "Votre e-mail ?",
    input: { kind: "email" },
    saveAs: "email",
    next: "end",
  };
  const layout = emptyLayout("f");

  it("keeps React Flow's data for a node whose edit changes only what it shows", () => {
    const before = toGraph(flow(question), layout).nodes;
    const after = toGraph(flow({ ...question, label: "Demander l'e-mail" }), layout).nodes;
    const kept = keepShownContent(after, before)[1]?.data as FlowNodeData;
    const shown = before[1]?.data as FlowNodeData;
    expect(kept.node).toBe(question);
    expect(kept.transitions).toBe(shown.transitions);
  });

  it("gives React Flow the new node when its links change", () => {
    const before = toGraph(flow(question), layout).nodes;
    const after = toGraph(flow({ ...question, next: undefined }), layout).nodes;
    expect(keepShownContent(after, before)[1]).toBe(after[1]);
  });
});
