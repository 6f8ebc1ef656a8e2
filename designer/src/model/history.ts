import { type Command, perform } from "./commands.js";
import type { FlowDocument } from "./document.js";

/** Undo/redo as a history of commands: each entry keeps the document before and after it. */
export interface History {
  past: { command: Command; before: FlowDocument }[];
  present: FlowDocument;
  future: { command: Command; after: FlowDocument }[];
  /** The last entry is closed: the person left the field it edits, so typing there again is a new step. */
  sealed?: true;
}

const LIMIT = 200;

export const startHistory = (doc: FlowDocument): History => ({ past: [], present: doc, future: [] });

/** The one field a command edits, when it is a field edit; edits of the same field in a row are one undo step. */
export function editedField(command: Command): string | undefined {
  switch (command.type) {
    case "updateNode":
      return command.field === undefined ? undefined : `node:${command.id}:${command.field}`;
    case "updateFlow":
      return command.field === undefined ? undefined : `flow:${command.field}`;
    case "updateNote":
      return `note:${command.note.id}`;
    default:
      return undefined;
  }
}

/**
 * Applies a command; a command that changes nothing leaves no trace in the history. Typing in a field
 * sends one command per keystroke: while the same field is edited again and again (nothing undone in
 * between, the field not left), those edits fold into the entry of the first, so one undo takes back the run.
 */
export function record(history: History, command: Command): History {
  const next = perform(history.present, command);
  if (next === history.present) return history;
  const last = history.past.at(-1);
  const field = editedField(command);
  const sameRun = !history.sealed && history.future.length === 0;
  if (last && field !== undefined && sameRun && editedField(last.command) === field)
    return { past: [...history.past.slice(0, -1), { command, before: last.before }], present: next, future: [] };
  return { past: [...history.past, { command, before: history.present }].slice(-LIMIT), present: next, future: [] };
}

/** Closes the last entry, once the person leaves the field they typed in. */
export const seal = (history: History): History => (history.sealed ? history : { ...history, sealed: true });

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
    // An edit after a redo is a step of its own, as one after an undo is.
    sealed: true,
  };
}
