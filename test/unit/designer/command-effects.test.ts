import { describe, expect, it } from "vitest";
import { type Command, inLanguages, perform, selectionAfter } from "../../../designer/src/model/commands.js";
import type { FlowDocument } from "../../../designer/src/model/document.js";
import { emptyLayout } from "../../../designer/src/model/document.js";
import { noteCanvasId } from "../../../designer/src/model/graph.js";
import { type FlowNode, nodeDefinitions, validateFlow } from "../../../schema/index.js";
import { sampleFlow, sampleLayout } from "./sample-flow.js";

const doc = (): FlowDocument => ({ flow: sampleFlow(), layout: sampleLayout() });

describe("the selection after a command", () => {
  it("moves to a node just added, under the id it is given", () => {
    const d = doc();
    const added = selectionAfter(
      new Set(["lookup"]),
      { type: "addNode", nodeType: "message", position: { x: 0, y: 0 } },
      d,
    );
    expect([...added]).toHaveLength(1);
    const [id] = added;
    expect(perform(d, { type: "addNode", nodeType: "message", position: { x: 0, y: 0 } }).flow.nodes.at(-1)?.id).toBe(
      id,
    );
    expect([
      ...selectionAfter(
        new Set(),
        { type: "addNode", nodeType: "handoff", position: { x: 0, y: 0 }, id: "to-agent" },
        d,
      ),
    ]).toEqual(["to-agent"]);
  });

  it("stays where it was when the id asked for is taken and nothing is added", () => {
    const selection = new Set(["agent"]);
    const taken: Command = { type: "addNode", nodeType: "message", position: { x: 0, y: 0 }, id: "lookup" };
    expect(selectionAfter(selection, taken, doc())).toBe(selection);
  });

  it("follows a renamed node to its new id", () => {
    const after = selectionAfter(
      new Set(["lookup", "agent"]),
      { type: "renameNode", id: "lookup", newId: "crm" },
      doc(),
    );
    expect([...after].sort()).toEqual(["agent", "crm"]);
  });

  it("follows a rename made through a node update, and inside a batch", () => {
    const d = doc();
    const lookup = d.flow.nodes.find((node) => node.id === "lookup") as FlowNode;
    const update: Command = { type: "updateNode", id: "lookup", node: { ...lookup, id: "crm" } };
    expect([...selectionAfter(new Set(["lookup"]), update, d)]).toEqual(["crm"]);
    const batch: Command = {
      type: "batch",
      commands: [
        { type: "renameNode", id: "lookup", newId: "crm" },
        { type: "renameNode", id: "crm", newId: "crm-orders" },
      ],
    };
    expect([...selectionAfter(new Set(["lookup"]), batch, d)]).toEqual(["crm-orders"]);
  });

  it("stays on the node when the new id is taken and the rename does not happen", () => {
    const selection = new Set(["lookup"]);
    const taken: Command = { type: "renameNode", id: "lookup", newId: "agent" };
    const d = doc();
    expect(perform(d, taken)).toBe(d);
    expect(selectionAfter(selection, taken, d)).toBe(selection);
  });

  it("drops deleted nodes and notes, and keeps the same set when nothing selected changes", () => {
    const selection = new Set(["lookup", noteCanvasId("note")]);
    expect([...selectionAfter(selection, { type: "deleteNodes", ids: ["lookup"] }, doc())]).toEqual([
      noteCanvasId("note"),
    ]);
    expect([...selectionAfter(selection, { type: "deleteNotes", ids: ["note"] }, doc())]).toEqual(["lookup"]);
    expect(selectionAfter(selection, { type: "deleteNodes", ids: ["agent"] }, doc())).toBe(selection);
    expect(selectionAfter(selection, { type: "move", positions: {} }, doc())).toBe(selection);
  });
});

describe("new nodes in the flow's languages", () => {
  const frenchOnly = (): FlowDocument => ({
    flow: { ...sampleFlow(), languages: ["fr"] },
    layout: emptyLayout("sample"),
  });

  it("gives a French-only flow French texts only, as plain text", () => {
    const after = perform(frenchOnly(), { type: "addNode", nodeType: "message", position: { x: 0, y: 0 } });
    const message = after.flow.nodes.find((node) => node.id === "message");
    expect(message).toMatchObject({ text: "Nouveau message" });
    expect(JSON.stringify(after.flow)).not.toContain("New message");
    expect(validateFlow(after.flow, "sample.flow.json").problems).toEqual([]);
  });

  it("keeps one text per language of the flow, intent examples included", () => {
    const intent = nodeDefinitions.intent.create("intent") as FlowNode;
    const spoken = inLanguages(intent, ["fr", "de"]);
    expect(spoken).toMatchObject({
      text: { fr: "Que puis-je faire pour vous ?", de: "Que puis-je faire pour vous ?" },
      intents: [{ examples: { fr: ["parler à un conseiller"], de: ["parler à un conseiller"] } }],
    });
    expect(inLanguages(intent, ["fr", "en"])).toEqual(intent);
  });
});

describe("layout files", () => {
  it("a layout without notes stays without them when nodes move", () => {
    const d: FlowDocument = { flow: sampleFlow(), layout: { flow: "sample", nodes: { start: { x: 0, y: 0 } } } };
    const moved = perform(d, { type: "move", positions: { start: { x: 10, y: 20 } } });
    expect(moved.layout).toEqual({ flow: "sample", nodes: { start: { x: 10, y: 20 } } });
  });

  it("a new layout names its schema", () => {
    expect(emptyLayout("x").$schema).toBe("../schema/layout.schema.json");
  });
});
