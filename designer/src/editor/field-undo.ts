/** Whether a key press or a copy happens while typing in a field, where keys belong to the field. */
export const typingInField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.closest("input, textarea, select, [contenteditable=true], .monaco-editor") !== null;

/**
 * The fields whose typing writes the draft. In them Ctrl+Z takes back the draft's history, where a run
 * of typing is one step, rather than the browser's own undo, which takes back one character a press.
 * They are the fields of the forms marked `data-edits-draft` (the inspector, the flow's settings), which
 * the forms draw anew as the selection or the tab changes, so a field is known by where it sits, not by
 * having been typed in; and any other field while its typing wrote the draft. Fields that keep what is
 * typed to themselves until it is applied (a step's id, a phrase to try, a secret) are marked
 * `data-own-undo` and keep the browser's undo, as do the simulator's message box and Monaco.
 */
const typedIntoDraft = new WeakSet<Element>();

const editsDraft = (field: Element) =>
  field.closest("[data-own-undo], .monaco-editor") === null &&
  (typedIntoDraft.has(field) || field.closest("[data-edits-draft]") !== null);

/** Notes the field being typed in, if any, as one that writes the draft. */
export function noteDraftField(): void {
  const field = document.activeElement;
  if (typingInField(field) && !field?.closest(".monaco-editor")) typedIntoDraft.add(field as Element);
}

/** Whether Ctrl+Z pressed in `target` is for the draft's history. */
export const undoesDraft = (target: EventTarget | null) =>
  !typingInField(target) || (target instanceof Element && editsDraft(target));

/** Whether `target`, being left, is a field whose typing writes the draft. */
export const leavesDraftField = (target: EventTarget | null) =>
  typingInField(target) && target instanceof Element && editsDraft(target);
