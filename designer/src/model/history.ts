import { type Command, perform } from "./commands.js";
import type { FlowDocument } from "./document.js";

/** Undo/redo as a history of commands: each entry keeps the document before and after it. */
export interface History {
  past: { command: Command; before: FlowDocument }[];
  present: FlowDocument;
  future: { command: Command; after: FlowDocument }[];
}

const LIMIT = 200;

export const startHistory = (doc: FlowDocument): History => ({ past: [], present: doc, future: [] });

/** Applies a command; a command that changes nothing leaves no trace in the history. */
export function record(history: History, command: Command): History {
  const next = perform(history.present, command);
  if (next === history.present) return history;
  return { past: [...history.past, { command, before: history.present }].slice(-LIMIT), present: next, future: [] };
}

export function undo(history: History): History {
  const last = history.past.at(-1);
  if (!last) return history;
  return {
    past: history.past.slice(0, -1),
    present: last.before,
    future: [{ command: last.command, after: history.present }, ...history.future],
  };
}

export function redo(history: History): History {
  const [next, ...rest] = history.future;
  if (!next) return history;
  return {
    past: [...history.past, { command: next.command, before: history.present }],
    present: next.after,
    future: rest,
  };
}
