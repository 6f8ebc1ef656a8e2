import { describe, expect, it } from "vitest";
import type { Command } from "../../../designer/src/model/commands.js";
import type { FlowDocument } from "../../../designer/src/model/document.js";
import { type History, record, redo, seal, startHistory, undo } from "../../../designer/src/model/history.js";
import type { FlowNode } from "../../../schema/index.js";
import { sampleFlow, sampleLayout } from "./sample-flow.js";

const doc = (): FlowDocument => ({ flow: sampleFlow(), layout: sampleLayout() });
const nodeOf = (history: History, id: string) => history.present.flow.nodes.find((n) => n.id === id) as FlowNode;

/** What the inspector sends for each keystroke: the whole node, with the one field it changes. */
function typed(history: History, id: string, field: string, text: string): History {
  let current = history;
  for (let i = 1; i <= text.length; i++) {
    const node = { ...nodeOf(current, id), [field]: text.slice(0, i) } as FlowNode;
    current = record(current, { type: "updateNode", id, node, field });
  }
  return current;
}

describe("typing in a field is one undo step", () => {
  it("folds consecutive edits of one field into one history entry, undone at once and redone at once", () => {
    const typedIn = typed(startHistory(doc()), "lookup", "label", "Commande");
    expect(typedIn.past).toHaveLength(1);
    expect(nodeOf(typedIn, "lookup").label).toBe("Commande");
    const undone = undo(typedIn);
    expect(undone.present).toEqual(doc());
    expect(redo(undone).present).toBe(typedIn.present);
  });

  it("starts a new step when another field, another node or another kind of edit comes between", () => {
    let history = typed(startHistory(doc()), "lookup", "label", "Ab");
    history = typed(history, "lookup", "url", "https://x");
    history = typed(history, "done", "label", "Fin");
    history = record(history, { type: "move", positions: { done: { x: 1, y: 1 } } });
    history = typed(history, "done", "label", "Fin!");
    expect(history.past).toHaveLength(5);
    history = undo(history);
    expect(nodeOf(history, "done").label).toBe("Fin");
    history = undo(undo(history));
    expect(nodeOf(history, "done").label).toBeUndefined();
    expect(nodeOf(history, "lookup")).toMatchObject({ label: "Ab", url: "https://x" });
  });

  it("never folds an edit into a step from before an undo", () => {
    let history = typed(startHistory(doc()), "lookup", "label", "Ab");
    history = typed(history, "done", "label", "X");
    history = undo(history);
    history = typed(history, "lookup", "label", "Abc");
    expect(history.past).toHaveLength(2);
    expect(nodeOf(undo(history), "lookup").label).toBe("Ab");
  });

  it("folds flow settings by field and sticky note text by note, and never edits without a field", () => {
    const flow = (name: string, field?: string): Command => {
      const { nodes: _nodes, ...rest } = sampleFlow();
      return { type: "updateFlow", flow: { ...rest, name }, ...(field ? { field } : {}) };
    };
    let history = record(record(startHistory(doc()), flow("S", "name")), flow("Sa", "name"));
    expect(history.past).toHaveLength(1);
    history = record(record(history, flow("Sam")), flow("Samp"));
    expect(history.past).toHaveLength(3);
    const note = (text: string): Command => ({ type: "updateNote", note: { id: "note", text, x: 10, y: 400 } });
    history = record(record(record(history, note("À")), note("À r")), note("À relire"));
    expect(history.past).toHaveLength(4);
    expect(undo(history).present.layout.notes?.[0]?.text).toBe("À revoir");
  });

  it("starts a new step once the field is left (sealed), and after a redo", () => {
    let history = typed(startHistory(doc()), "lookup", "label", "Ab");
    history = typed(seal(history), "lookup", "label", "Abc");
    expect(history.past).toHaveLength(2);
    expect(history.sealed).toBeUndefined();
    expect(nodeOf(undo(history), "lookup").label).toBe("Ab");
    expect(seal(seal(history))).toEqual(seal(history));
    history = redo(undo(history));
    history = typed(history, "lookup", "label", "Abcd");
    expect(history.past).toHaveLength(3);
    expect(nodeOf(undo(history), "lookup").label).toBe("Abc");
  });
});
