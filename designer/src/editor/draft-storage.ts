import type { FlowDocument } from "../model/document.js";

/** Unsaved edits live in localStorage until the runtime accepts them, so a lost connection loses nothing. */
const key = (flowId: string) => `relais.draft.${flowId}`;

/** Kept edits, with the draft revision they were made from, so a later save still sees what changed since. */
export interface KeptDraft {
  doc: FlowDocument;
  base?: string;
}

export function keepDraft(flowId: string, doc: FlowDocument, base: string | undefined): void {
  try {
    localStorage.setItem(key(flowId), JSON.stringify({ doc, base }));
  } catch {
    // A full or disabled storage only loses the safety net, not the edits in memory.
  }
}

export function keptDraft(flowId: string): KeptDraft | undefined {
  try {
    const text = localStorage.getItem(key(flowId));
    if (!text) return undefined;
    const kept = JSON.parse(text) as Partial<KeptDraft> & Partial<FlowDocument>;
    // Kept before revisions existed: the document itself, made from an unknown revision.
    if (kept.flow && kept.layout) return { doc: { flow: kept.flow, layout: kept.layout } };
    return kept.doc ? { doc: kept.doc, base: kept.base } : undefined;
  } catch {
    return undefined;
  }
}

export function dropDraft(flowId: string): void {
  localStorage.removeItem(key(flowId));
}
