import { describe, expect, it } from "vitest";
import { copyNodes, perform, readClipboard } from "../../../designer/src/model/commands.js";
import type { FlowDocument } from "../../../designer/src/model/document.js";
import { toGraph } from "../../../designer/src/model/graph.js";
import { record, redo, startHistory, undo } from "../../../designer/src/model/history.js";
import { formatFlow, validateFlow } from "../../../schema/index.js";
import { sampleFlow, sampleLayout } from "./sample-flow.js";

const doc = (): FlowDocument => ({ flow: sampleFlow(), layout: sampleLayout() });
const node = (d: FlowDocument, id: string) => d.flow.nodes.find((n) => n.id === id);

describe("commands", () => {
  it("adds a node of a type with a fresh slug id at a whole-pixel position, valid against the schema", () => {
    const once = perform(doc(), { type: "addNode", nodeType: "question", position: { x: 10.6, y: 20.2 } });
    const twice = perform(once, { type: "addNode", nodeType: "question", position: { x: 0, y: 0 } });
    expect(twice.flow.nodes.slice(-2).map((n) => n.id)).toEqual(["question", "question-2"]);
    // Each saves into a variable of its own: a second question would otherwise overwrite the first's answer.
    expect(twice.flow.nodes.slice(-2).map((n) => (n.type === "question" ? n.saveAs : ""))).toEqual([
      "question",
      "question_2",
    ]);
    const sets = perform(perform(doc(), { type: "addNode", nodeType: "set", position: { x: 0, y: 0 } }), {
      type: "addNode",
      nodeType: "set",
      position: { x: 0, y: 0 },
    });
    expect(sets.flow.nodes.slice(-2).flatMap((n) => (n.type === "set" ? n.assign.map((a) => a.variable) : []))).toEqual(
      ["set", "set_2"],
    );
    expect(once.layout.nodes.question).toEqual({ x: 11, y: 20 });
    expect(validateFlow(twice.flow, "sample.flow.json").ok).toBe(true);
  });

  it("never mutates the document it is given", () => {
    const before = doc();
    const frozen = JSON.stringify(before);
    perform(before, { type: "deleteNodes", ids: ["lookup"] });
    perform(before, { type: "connect", source: "start", handle: "next", target: "done" });
    perform(before, { type: "move", positions: { start: { x: 5, y: 5 } } });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it("deletes nodes with their positions and cuts the transitions that led to them, but keeps start", () => {
    const after = perform(doc(), { type: "deleteNodes", ids: ["agent", "start"] });
    expect(node(after, "agent")).toBeUndefined();
    expect(node(after, "start")).toBeDefined();
    expect(after.layout.nodes.agent).toBeUndefined();
    const question = node(after, "ask-topic");
    expect(question?.type === "question" && question.onMaxAttempts).toBeUndefined();
    const lookup = node(after, "lookup");
    expect(lookup?.type === "http" && lookup.onError).toBeUndefined();
    expect(toGraph(after.flow, after.layout).edges.every((edge) => edge.target !== "agent")).toBe(true);
  });

  it("connects and disconnects a handle through the node type's own `connect`", () => {
    const connected = perform(doc(), { type: "connect", source: "ask-topic", handle: "choice:other", target: "agent" });
    const question = node(connected, "ask-topic");
    expect(question?.type === "question" && question.input.kind === "choice" && question.input.choices[1]?.next).toBe(
      "agent",
    );
    const cut = perform(connected, { type: "connect", source: "lookup", handle: "next", target: undefined });
    const lookup = node(cut, "lookup");
    expect(lookup?.type === "http" && "next" in lookup).toBe(false);
    expect(perform(cut, { type: "connect", source: "start", handle: "next", target: "missing" })).toBe(cut);
  });

  it("moves nodes and sticky notes in the layout only", () => {
    const before = doc();
    const after = perform(before, {
      type: "move",
      positions: { lookup: { x: 1.4, y: 2.6 }, "note:note": { x: 7, y: 8 } },
    });
    expect(after.flow).toBe(before.flow);
    expect(after.layout.nodes.lookup).toEqual({ x: 1, y: 3 });
    expect(after.layout.notes?.[0]).toMatchObject({ x: 7, y: 8 });
  });

  it("renames a node and every transition that points at it", () => {
    const after = perform(doc(), { type: "renameNode", id: "agent", newId: "human" });
    expect(node(after, "human")).toBeDefined();
    expect(after.layout.nodes.human).toEqual({ x: 600, y: 300 });
    expect(toGraph(after.flow, after.layout).edges.filter((edge) => edge.target === "human")).toHaveLength(2);
    expect(perform(after, { type: "renameNode", id: "human", newId: "done" })).toBe(after);
  });

  it("updates a node's fields", () => {
    const updated = { id: "done", type: "end" as const, text: { fr: "Au revoir", en: "Bye" } };
    const after = perform(doc(), { type: "updateNode", id: "done", node: updated });
    expect(node(after, "done")).toEqual(updated);
  });

  it("pastes copied nodes with fresh ids, keeping links inside the group and cutting the others", () => {
    const source = doc();
    const text = JSON.stringify(copyNodes(source, ["lookup", "done"]));
    const clipboard = readClipboard(text);
    expect(clipboard).toBeDefined();
    if (!clipboard) return;
    const after = perform(source, { type: "paste", clipboard, offset: { x: 40, y: 40 } });
    const lookup2 = node(after, "lookup-2");
    expect(lookup2?.type === "http" && [lookup2.next, lookup2.onError]).toEqual(["done-2", undefined]);
    expect(after.layout.nodes["lookup-2"]).toEqual({ x: 640, y: 40 });
    expect(validateFlow(after.flow, "sample.flow.json").ok).toBe(true);
  });

  it("pastes into another flow, but never a second start node", () => {
    const other: FlowDocument = {
      flow: {
        schemaVersion: 1,
        id: "other",
        name: "Other",
        languages: ["fr"],
        nodes: [{ id: "start", type: "start" }],
      },
      layout: { flow: "other", nodes: {} },
    };
    const clipboard = copyNodes(doc(), ["start", "ask-topic", "agent"]);
    const after = perform(other, { type: "paste", clipboard, offset: { x: 0, y: 0 } });
    expect(after.flow.nodes.map((n) => n.id)).toEqual(["start", "ask-topic", "agent"]);
    expect(readClipboard("not json")).toBeUndefined();
    expect(readClipboard(JSON.stringify({ relais: "nodes", nodes: [{ id: "x", type: "teleport" }] }))).toBeUndefined();
  });

  it("adds, edits and deletes sticky notes in the layout", () => {
    const added = perform(doc(), { type: "addNote", note: { text: "Idée", x: 1, y: 2 } });
    expect(added.layout.notes?.map((n) => n.id)).toEqual(["note", "note-2"]);
    const edited = perform(added, { type: "updateNote", note: { id: "note-2", text: "Fait", x: 1, y: 2 } });
    expect(edited.layout.notes?.[1]?.text).toBe("Fait");
    expect(perform(edited, { type: "deleteNotes", ids: ["note"] }).layout.notes?.map((n) => n.id)).toEqual(["note-2"]);
    expect(edited.flow).toBe(added.flow);
  });

  it("keeps canonical formatting stable through edits", () => {
    const after = perform(doc(), { type: "connect", source: "ask-topic", handle: "choice:other", target: "agent" });
    const text = formatFlow(after.flow);
    expect(formatFlow(JSON.parse(text))).toBe(text);
  });
});

describe("undo and redo", () => {
  it("walks back and forth through the commands, and a new command drops the redo branch", () => {
    let history = startHistory(doc());
    history = record(history, { type: "addNode", nodeType: "message", position: { x: 0, y: 0 } });
    history = record(history, { type: "connect", source: "message", handle: "next", target: "done" });
    const done = history.present;
    history = undo(undo(history));
    expect(history.present).toEqual(doc());
    history = redo(history);
    expect(node(history.present, "message")).toBeDefined();
    history = redo(history);
    expect(history.present).toBe(done);
    history = undo(history);
    history = record(history, { type: "deleteNodes", ids: ["message"] });
    expect(history.future).toEqual([]);
    expect(redo(history)).toBe(history);
  });

  it("does not record a command that changes nothing", () => {
    const history = startHistory(doc());
    expect(record(history, { type: "deleteNodes", ids: ["start"] })).toBe(history);
    expect(undo(history)).toBe(history);
  });
});
