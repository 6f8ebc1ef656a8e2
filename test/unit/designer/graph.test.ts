import { describe, expect, it } from "vitest";
import { autoLayout } from "../../../designer/src/model/auto-layout.js";
import {
  applyCanvasChanges,
  keepEdgeState,
  keepViewState,
  noteCanvasId,
  toGraph,
  unplacedNodes,
} from "../../../designer/src/model/graph.js";
import { validateFlow, validateLayout } from "../../../schema/index.js";
import { generatedFlow } from "../../bench/designer-500.js";
import { sampleFlow, sampleLayout } from "./sample-flow.js";

describe("flow to canvas", () => {
  it("keeps the nodes React Flow already shows: the same object when unchanged, the measured size when changed", () => {
    const flow = sampleFlow();
    const layout = sampleLayout();
    const shown = applyCanvasChanges(
      toGraph(flow, layout).nodes.map((node) => ({
        type: "dimensions" as const,
        id: node.id,
        dimensions: { width: 240, height: 90 },
      })),
      toGraph(flow, layout).nodes,
    );
    const edited = {
      ...flow,
      nodes: flow.nodes.map((node) => (node.id === "lookup" ? { ...node, label: "CRM" } : node)),
    };
    const next = keepViewState(toGraph(edited, layout).nodes, shown);
    for (const node of next) {
      const before = shown.find((old) => old.id === node.id);
      if (node.id === "lookup") {
        expect(node).not.toBe(before);
        expect(node.measured).toEqual({ width: 240, height: 90 });
      } else expect(node, node.id).toBe(before);
    }
  });

  it("hands React Flow the very arrays it shows when an edit changes nothing it draws, so it rebuilds nothing", () => {
    const flow = sampleFlow();
    const layout = sampleLayout();
    const shown = toGraph(flow, layout);
    const relabelled = {
      ...flow,
      nodes: flow.nodes.map((node) => (node.id === "lookup" ? { ...node, label: "CRM" } : node)),
    };
    const next = toGraph(relabelled, layout);
    expect(keepEdgeState(next.edges, shown.edges)).toBe(shown.edges);
    expect(keepViewState(toGraph(flow, layout).nodes, shown.nodes)).toBe(shown.nodes);
    expect(keepViewState(next.nodes, shown.nodes)).not.toBe(shown.nodes);
  });

  it("keeps edges by id wherever they moved, a selected one still selected when its link changes", () => {
    const flow = sampleFlow();
    const layout = sampleLayout();
    const shown = toGraph(flow, layout).edges.map((edge) => ({ ...edge, selected: edge.source === "lookup" }));
    const rewired = {
      ...flow,
      nodes: [...flow.nodes]
        .reverse()
        .map((node) => (node.id === "lookup" && node.type === "http" ? { ...node, next: "agent" } : node)),
    };
    const next = keepEdgeState(toGraph(rewired, layout).edges, shown);
    expect(next).not.toBe(shown);
    for (const edge of next) {
      const before = shown.find((old) => old.id === edge.id);
      if (edge.id === "lookup>next") {
        expect(edge).not.toBe(before);
        expect(edge).toMatchObject({ target: "agent", selected: true });
      } else expect(edge, edge.id).toBe(before);
    }
  });

  it("gives unmeasured nodes a size and handles, and drops the estimated handles once React Flow measures the node", () => {
    const flow = sampleFlow();
    const layout = sampleLayout();
    const shown = toGraph(flow, layout).nodes;
    const question = shown.find((node) => node.id === "ask-topic");
    expect(question?.measured).toEqual({ width: 240.5, height: 72 + 24 * 4 + 0.5 });
    expect(question?.handles?.map((handle) => `${handle.type}:${handle.id}`)).toEqual([
      "source:choice:order",
      "source:choice:other",
      "source:next",
      "source:maxAttempts",
      "target:null",
    ]);
    expect(shown.find((node) => node.id === "start")?.handles?.some((handle) => handle.type === "target")).toBe(false);

    const measured = applyCanvasChanges(
      [{ type: "dimensions", id: "ask-topic", dimensions: { width: 240, height: 150 }, setAttributes: false }],
      shown,
    );
    expect(measured.find((node) => node.id === "ask-topic")?.handles).toBeUndefined();
    expect(measured.find((node) => node.id === "lookup")?.handles).toBeDefined();

    const relabelled = {
      ...flow,
      nodes: flow.nodes.map((node) => (node.id === "ask-topic" ? { ...node, label: "Sujet" } : node)),
    };
    const next = keepViewState(toGraph(relabelled, layout).nodes, measured);
    expect(next.find((node) => node.id === "ask-topic")).toMatchObject({ measured: { width: 240, height: 150 } });
    expect(next.find((node) => node.id === "ask-topic")?.handles).toBeUndefined();

    const undrawn = {
      ...flow,
      nodes: flow.nodes.map((node) => (node.id === "lookup" ? { ...node, label: "CRM" } : node)),
    };
    const lookup = keepViewState(toGraph(undrawn, layout).nodes, measured).find((node) => node.id === "lookup");
    expect(lookup?.handles).toBeDefined();
    expect(lookup?.measured).toEqual({ width: 240.5, height: 72 + 24 * 2 + 0.5 });
  });

  it("draws one edge per connected transition handle, none for open ones", () => {
    const { edges } = toGraph(sampleFlow(), sampleLayout());
    const summary = edges.map((edge) => `${edge.source}.${edge.sourceHandle}->${edge.target}`).sort();
    expect(summary).toEqual(
      [
        "start.next->ask-topic",
        "ask-topic.choice:order->lookup",
        "ask-topic.next->done",
        "ask-topic.maxAttempts->agent",
        "lookup.next->done",
        "lookup.error->agent",
      ].sort(),
    );
  });

  it("gives each node its type, position and handles, and each sticky note a prefixed id", () => {
    const { nodes } = toGraph(sampleFlow(), sampleLayout(), { marks: new Map([["lookup", "changed"]]) });
    const question = nodes.find((node) => node.id === "ask-topic");
    expect(question?.type).toBe("question");
    expect(question?.position).toEqual({ x: 300, y: 0 });
    expect(question?.type !== "note" && question?.data.transitions.map((t) => t.handle)).toEqual([
      "choice:order",
      "choice:other",
      "next",
      "maxAttempts",
    ]);
    const lookup = nodes.find((node) => node.id === "lookup");
    expect(lookup?.data.mark).toBe("changed");
    expect(nodes.find((node) => node.id === noteCanvasId("note"))?.type).toBe("note");
    expect(nodes.find((node) => node.id === "start")?.deletable).toBe(false);
  });

  it("skips an edge whose target is not a node of the flow", () => {
    const flow = sampleFlow();
    flow.nodes[0] = { id: "start", type: "start", next: "nowhere" };
    expect(toGraph(flow, sampleLayout()).edges.some((edge) => edge.source === "start")).toBe(false);
  });
});

describe("auto-layout", () => {
  it("places only the nodes the layout misses, next to a placed neighbour, and leaves the flow alone", async () => {
    const flow = sampleFlow();
    const before = JSON.stringify(flow);
    const layout = sampleLayout();
    delete layout.nodes.done;
    delete layout.nodes.agent;
    expect(unplacedNodes(flow, layout).sort()).toEqual(["agent", "done"]);
    const laid = await autoLayout(flow, layout);
    expect(JSON.stringify(flow)).toBe(before);
    expect(laid.nodes.start).toEqual({ x: 0, y: 0 });
    expect(laid.nodes["ask-topic"]).toEqual({ x: 300, y: 0 });
    expect(unplacedNodes(flow, laid)).toEqual([]);
    expect(Number.isInteger(laid.nodes.done?.x)).toBe(true);
    // elk lays out left to right: `done` follows `ask-topic`.
    expect(laid.nodes.done?.x).toBeGreaterThan(300);
    expect(laid.notes).toEqual(layout.notes);
    expect(validateLayout(laid, "sample.layout.json").ok).toBe(true);
  });

  it("lays out every node from scratch without overlaps, and drops positions of deleted nodes", async () => {
    const flow = sampleFlow();
    const layout = { ...sampleLayout(), nodes: { ...sampleLayout().nodes, ghost: { x: 5, y: 5 } } };
    const laid = await autoLayout(flow, layout, true);
    expect(Object.keys(laid.nodes).sort()).toEqual(flow.nodes.map((node) => node.id).sort());
    const spots = new Set(Object.values(laid.nodes).map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(flow.nodes.length);
    expect(validateFlow(flow, "sample.flow.json").ok).toBe(true);
  });

  it("lays a flow out from its start, first on the left, every link reading left to right", async () => {
    const flow = generatedFlow(60);
    const laid = await autoLayout(flow, { flow: flow.id, nodes: {} }, true);
    const startX = laid.nodes.start?.x ?? Number.NaN;
    for (const node of flow.nodes)
      if (node.id !== "start") expect(laid.nodes[node.id]?.x, node.id).toBeGreaterThan(startX);
    const { edges } = toGraph(flow, laid);
    const forward = edges.filter((edge) => (laid.nodes[edge.target]?.x ?? 0) > (laid.nodes[edge.source]?.x ?? 0));
    expect(forward.length).toBe(edges.length);
  });
});
