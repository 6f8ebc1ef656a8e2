import type { FlowDocument } from "../model/document.js";

/** Unsaved edits live in localStorage until the runtime accepts them, so a lost connection loses nothing. */
const key = (flowId: string) => `relais.draft.${flowId}`;

export function keepDraft(flowId: string, doc: FlowDocument): void {
  try {
    localStorage.setItem(key(flowId), JSON.stringify(doc));
  } catch {
    // A full or disabled storage only loses the safety net, not the edits in memory.
  }
}

export function keptDraft(flowId: string): FlowDocument | undefined {
  try {
    const text = localStorage.getItem(key(flowId));
    return text ? (JSON.parse(text) as FlowDocument) : undefined;
  } catch {
    return undefined;
  }
}

export function dropDraft(flowId: string): void {
  localStorage.removeItem(key(flowId));
}
