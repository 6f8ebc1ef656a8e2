/** Whether a key press or a copy happens while typing in a field, where keys belong to the field. */
export const typingInField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  target.closest("input, textarea, select, [contenteditable=true], .monaco-editor") !== null;

/**
 * The fields whose typing wrote the draft. In them Ctrl+Z takes back the draft's history, where a run
 * of typing is one step, rather than the browser's own undo, which takes back one character a press.
 * Other fields (the simulator's message box, a phrase to try, an id not yet applied) and Monaco, which
 * keeps its own history, keep the browser's undo.
 */
const draftFields = new WeakSet<Element>();

/** Notes the field being typed in, if any, as one that writes the draft. */
export function noteDraftField(): void {
  const field = document.activeElement;
  if (typingInField(field) && !field?.closest(".monaco-editor")) draftFields.add(field as Element);
}

/** Whether Ctrl+Z pressed in `target` is for the draft's history. */
export const undoesDraft = (target: EventTarget | null) =>
  !typingInField(target) || (target instanceof Element && draftFields.has(target));

/** Whether `target`, being left, is a field whose typing wrote the draft. */
export const leavesDraftField = (target: EventTarget | null) => target instanceof Element && draftFields.has(target);
