import type { WordKey } from "../i18n.js";
import { wordOf } from "./enum-words.js";

/**
 * A choice among enum values shown in words. A value the table does not know (a hand-edited file) is still
 * offered as itself, so the select never silently shows another one.
 */
export function WordSelect<V extends string>({
  label,
  value,
  options,
  words,
  onChange,
  blank = false,
}: {
  label: string;
  value: V | undefined;
  options: readonly V[];
  words: Record<string, WordKey>;
  onChange: (value: V | undefined) => void;
  /** Offer an empty choice, for a field that may be left out. */
  blank?: boolean;
}) {
  const shown = value === undefined || options.includes(value) ? options : [...options, value];
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange((e.target.value || undefined) as V)}>
      {(blank || value === undefined) && <option value="" />}
      {shown.map((option) => (
        <option key={option} value={option}>
          {wordOf(words, option)}
        </option>
      ))}
    </select>
  );
}
