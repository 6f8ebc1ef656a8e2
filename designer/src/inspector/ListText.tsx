import { useState } from "react";

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * A list edited as text: one item per line (`lines`) or separated by commas. What is typed stays as typed
 * (the new empty line after Entrée, the comma before the next language) while the list holds only its
 * items; drawn from the list alone, each keystroke dropped them, and `fr, en` typed as `fren`. The text
 * follows the list again when the list changes from elsewhere (undo, the raw file).
 */
export function ListText({
  value,
  onChange,
  label,
  lines = false,
  rows,
}: {
  value: readonly string[];
  onChange: (next: string[]) => void;
  label: string;
  lines?: boolean;
  rows?: number;
}) {
  const join = (items: readonly string[]) => items.join(lines ? "\n" : ", ");
  const split = (text: string) =>
    lines
      ? text
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
      : text.split(/[\s,;]+/).filter(Boolean);
  const [typed, setTyped] = useState(() => join(value));
  const shown = sameList(split(typed), value) ? typed : join(value);
  const change = (text: string) => {
    setTyped(text);
    const next = split(text);
    if (!sameList(next, value)) onChange(next);
  };
  return lines ? (
    <textarea aria-label={label} rows={rows} value={shown} onChange={(event) => change(event.target.value)} />
  ) : (
    <input aria-label={label} value={shown} onChange={(event) => change(event.target.value)} />
  );
}
