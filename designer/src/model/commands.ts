import {
  definitionOf,
  type Flow,
  type FlowNode,
  type Layout,
  type LocalizedText,
  type NodeType,
  nodeDefinitions,
  type Position,
  type StickyNote,
} from "../../../schema/index.js";
import type { FlowDocument } from "./document.js";
import { noteCanvasId } from "./graph.js";
import { freshId } from "./slug.js";

/** Nodes on the clipboard, as JSON any flow can paste. */
export interface ClipboardNodes {
  relais: "nodes";
  nodes: FlowNode[];
  positions: Record<string, Position>;
}

/** Every edit the designer makes, as data: applied by `perform`, undone by the history. */
export type Command =
  | { type: "addNode"; nodeType: NodeType; position: Position; id?: string }
  | { type: "deleteNodes"; ids: string[] }
  | { type: "connect"; source: string; handle: string; target: string | undefined }
  | { type: "move"; positions: Record<string, Position> }
  /** `field` names the one field the edit changes, so that typing in it is one undo step. */
  | { type: "updateNode"; id: string; node: FlowNode; field?: string }
  | { type: "renameNode"; id: string; newId: string }
  | { type: "paste"; clipboard: ClipboardNodes; offset: Position }
  | { type: "setLayout"; layout: Layout }
  | { type: "updateFlow"; flow: Omit<Flow, "nodes">; field?: string }
  | { type: "replaceFlow"; flow: Flow }
  | { type: "addNote"; note: Omit<StickyNote, "id"> & { id?: string } }
  | { type: "updateNote"; note: StickyNote }
  | { type: "deleteNotes"; ids: string[] }
  /** Several commands undone as one, e.g. deleting a selection of nodes and edges. */
  | { type: "batch"; commands: Command[] };

const takenIds = (doc: FlowDocument) => new Set(doc.flow.nodes.map((node) => node.id));
const withNodes = (doc: FlowDocument, nodes: FlowNode[]): FlowDocument => ({ ...doc, flow: { ...doc.flow, nodes } });
const round = (position: Position): Position => ({ x: Math.round(position.x), y: Math.round(position.y) });

/** Texts for the flow's languages only, from texts written in French and English. */
function textsIn<V>(texts: Record<string, V>, languages: readonly string[]): Record<string, V> {
  const fallback = Object.values(texts)[0] as V;
  return Object.fromEntries(languages.map((lang) => [lang, texts[lang] ?? fallback]));
}

/**
 * A new node speaking only the flow's languages: its default texts come in French and English, which
 * must not add an `en` text to a French-only flow. One language gives a plain text.
 */
export function inLanguages(node: FlowNode, languages: readonly string[]): FlowNode {
  if (languages.length === 0) return node;
  const result = { ...node } as FlowNode & { text?: LocalizedText };
  if (result.text !== undefined && typeof result.text !== "string") {
    const texts = textsIn(result.text, languages);
    result.text = languages.length === 1 ? (texts[languages[0] as string] as string) : texts;
  }
  if (result.type === "intent")
    result.intents = result.intents.map((route) =>
      route.examples ? { ...route, examples: textsIn(route.examples, languages) } : route,
    );
  return result;
}

/** Points every transition of `node` that `retarget` maps elsewhere (undefined disconnects it). */
function retargeted(node: FlowNode, retarget: (target: string) => string | undefined | null): FlowNode {
  const definition = definitionOf(node);
  let result = node;
  for (const transition of definition.transitions(node)) {
    if (transition.target === undefined) continue;
    const next = retarget(transition.target);
    if (next !== null && next !== transition.target) result = definition.connect(result, transition.handle, next);
  }
  return result;
}

/** The document after one command. Pure: the input is never mutated; an edit that cannot apply returns `doc`. */
export function perform(doc: FlowDocument, command: Command): FlowDocument {
  switch (command.type) {
    case "addNode": {
      const id = command.id ?? freshId(command.nodeType, takenIds(doc));
      if (takenIds(doc).has(id)) return doc;
      const node = inLanguages(nodeDefinitions[command.nodeType].create(id) as FlowNode, doc.flow.languages);
      return {
        flow: { ...doc.flow, nodes: [...doc.flow.nodes, node] },
        layout: { ...doc.layout, nodes: { ...doc.layout.nodes, [id]: round(command.position) } },
      };
    }
    case "deleteNodes": {
      // The start node is where every conversation begins: it stays.
      const gone = new Set(
        command.ids.filter((id) => doc.flow.nodes.some((node) => node.id === id && node.type !== "start")),
      );
      if (gone.size === 0) return doc;
      const nodes = doc.flow.nodes
        .filter((node) => !gone.has(node.id))
        .map((node) => retargeted(node, (target) => (gone.has(target) ? undefined : null)));
      const positions = Object.fromEntries(Object.entries(doc.layout.nodes).filter(([id]) => !gone.has(id)));
      return { flow: { ...doc.flow, nodes }, layout: { ...doc.layout, nodes: positions } };
    }
    case "connect": {
      const ids = takenIds(doc);
      if (command.target !== undefined && !ids.has(command.target)) return doc;
      return withNodes(
        doc,
        doc.flow.nodes.map((node) =>
          node.id === command.source ? definitionOf(node).connect(node, command.handle, command.target) : node,
        ),
      );
    }
    case "move": {
      const nodes = { ...doc.layout.nodes };
      const notes = [...(doc.layout.notes ?? [])];
      for (const [id, position] of Object.entries(command.positions)) {
        const at = round(position);
        const noteIndex = notes.findIndex((note) => noteCanvasId(note.id) === id);
        if (noteIndex >= 0) notes[noteIndex] = { ...(notes[noteIndex] as StickyNote), ...at };
        else if (doc.flow.nodes.some((node) => node.id === id)) nodes[id] = at;
      }
      // A layout without notes stays without: saving must not add `"notes": []` to its file.
      return { ...doc, layout: { ...doc.layout, nodes, ...(doc.layout.notes ? { notes } : {}) } };
    }
    case "updateNode": {
      if (command.node.id !== command.id)
        return perform(perform(doc, { type: "renameNode", id: command.id, newId: command.node.id }), {
          ...command,
          id: command.node.id,
        });
      return withNodes(
        doc,
        doc.flow.nodes.map((node) => (node.id === command.id ? command.node : node)),
      );
    }
    case "renameNode": {
      const ids = takenIds(doc);
      if (!ids.has(command.id) || ids.has(command.newId) || command.id === command.newId) return doc;
      const nodes = doc.flow.nodes.map((node) =>
        retargeted(node.id === command.id ? { ...node, id: command.newId } : node, (target) =>
          target === command.id ? command.newId : null,
        ),
      );
      const { [command.id]: position, ...rest } = doc.layout.nodes;
      return {
        flow: { ...doc.flow, nodes },
        layout: { ...doc.layout, nodes: position ? { ...rest, [command.newId]: position } : rest },
      };
    }
    case "paste": {
      const taken = takenIds(doc);
      const hasStart = doc.flow.nodes.some((node) => node.type === "start");
      const incoming = command.clipboard.nodes.filter((node) => !(node.type === "start" && hasStart));
      const renamed = new Map<string, string>();
      for (const node of incoming) {
        const id = freshId(node.id, taken);
        taken.add(id);
        renamed.set(node.id, id);
      }
      // Links inside the pasted group follow it; links to nodes left behind are cut.
      const pasted = incoming.map((node) =>
        retargeted({ ...node, id: renamed.get(node.id) as string }, (target) => renamed.get(target)),
      );
      const positions = { ...doc.layout.nodes };
      for (const node of incoming) {
        const from = command.clipboard.positions[node.id] ?? { x: 0, y: 0 };
        positions[renamed.get(node.id) as string] = round({
          x: from.x + command.offset.x,
          y: from.y + command.offset.y,
        });
      }
      return {
        flow: { ...doc.flow, nodes: [...doc.flow.nodes, ...pasted] },
        layout: { ...doc.layout, nodes: positions },
      };
    }
    case "setLayout":
      return { ...doc, layout: command.layout };
    case "updateFlow":
      return { ...doc, flow: { ...command.flow, nodes: doc.flow.nodes } as Flow };
    case "replaceFlow":
      return { ...doc, flow: command.flow };
    case "addNote": {
      const notes = doc.layout.notes ?? [];
      const id = command.note.id ?? freshId("note", new Set(notes.map((note) => note.id)));
      const note: StickyNote = { ...command.note, id, x: Math.round(command.note.x), y: Math.round(command.note.y) };
      return { ...doc, layout: { ...doc.layout, notes: [...notes, note] } };
    }
    case "updateNote":
      return {
        ...doc,
        layout: {
          ...doc.layout,
          notes: (doc.layout.notes ?? []).map((note) => (note.id === command.note.id ? command.note : note)),
        },
      };
    case "batch":
      return command.commands.reduce(perform, doc);
    case "deleteNotes":
      return {
        ...doc,
        layout: { ...doc.layout, notes: (doc.layout.notes ?? []).filter((note) => !command.ids.includes(note.id)) },
      };
  }
}

/** The selected nodes as clipboard JSON, with their positions. */
export function copyNodes(doc: FlowDocument, ids: readonly string[]): ClipboardNodes {
  const nodes = doc.flow.nodes.filter((node) => ids.includes(node.id));
  const positions = Object.fromEntries(
    nodes.flatMap((node) => {
      const at = doc.layout.nodes[node.id];
      return at ? [[node.id, at]] : [];
    }),
  );
  return { relais: "nodes", nodes, positions };
}

/** Clipboard text as nodes, or undefined when it holds something else. */
export function readClipboard(text: string): ClipboardNodes | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClipboardNodes>;
    if (value?.relais !== "nodes" || !Array.isArray(value.nodes)) return undefined;
    const known = value.nodes.every(
      (node) => typeof node?.id === "string" && typeof node.type === "string" && node.type in nodeDefinitions,
    );
    return known ? { relais: "nodes", nodes: value.nodes, positions: value.positions ?? {} } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The canvas selection after `command` is applied to `doc`: a renamed node stays selected under its new
 * id, and deleted nodes and notes leave it. Returns `selection` itself when nothing changes.
 */
export function selectionAfter(
  selection: ReadonlySet<string>,
  command: Command,
  doc: FlowDocument,
): ReadonlySet<string> {
  const renamed = (from: string, to: string) =>
    selection.has(from) && perform(doc, { type: "renameNode", id: from, newId: to }) !== doc
      ? new Set([...selection].map((id) => (id === from ? to : id)))
      : selection;
  const without = (ids: string[]) =>
    ids.some((id) => selection.has(id)) ? new Set([...selection].filter((id) => !ids.includes(id))) : selection;
  switch (command.type) {
    case "addNode": {
      // A node just dropped or added is the one a person edits next.
      const id = command.id ?? freshId(command.nodeType, takenIds(doc));
      return takenIds(doc).has(id) ? selection : new Set([id]);
    }
    case "renameNode":
      return renamed(command.id, command.newId);
    case "updateNode":
      return command.node.id === command.id ? selection : renamed(command.id, command.node.id);
    case "deleteNodes":
      return without(command.ids);
    case "deleteNotes":
      return without(command.ids.map(noteCanvasId));
    case "batch": {
      let after = selection;
      let at = doc;
      for (const step of command.commands) {
        after = selectionAfter(after, step, at);
        at = perform(at, step);
      }
      return after;
    }
    default:
      return selection;
  }
}
