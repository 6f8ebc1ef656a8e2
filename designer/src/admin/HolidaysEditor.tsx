import { useState } from "react";
import type { Closure } from "../../../schema/api/index.js";
import { language, w } from "../agent/words.js";
import { LocalDateField } from "./LocalDateField.js";

/** A date as people read it in the interface's language: "jeudi 25 décembre 2026". */
const inWords = (date: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: "full", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));

/** "jeudi 25 décembre 2026", or "du lundi 3 août 2026 au mercredi 5 août 2026". */
export const closureInWords = ({ from, to }: Closure) =>
  from === to ? inWords(from) : w("closureRange", { from: inWords(from), to: inWords(to) });

const asClosure = (holiday: string | Closure): Closure =>
  typeof holiday === "string" ? { from: holiday, to: holiday, label: "" } : holiday;

/**
 * The days a queue is closed besides its weekly hours: holidays and exceptional closures, one day
 * or several, each with a label. Dates are typed in the interface's order or picked in a calendar.
 */
export function HolidaysEditor({
  holidays,
  onChange,
}: {
  holidays: (string | Closure)[];
  onChange: (next: Closure[]) => void;
}) {
  const closures = holidays.map(asClosure).sort((a, b) => a.from.localeCompare(b.from));
  const [draft, setDraft] = useState<Closure>({ from: "", to: "", label: "" });
  const [problem, setProblem] = useState("");
  const add = () => {
    const to = draft.to || draft.from;
    if (!draft.from) return setProblem(w("closureNeedsDate"));
    if (to < draft.from) return setProblem(w("closureBackwards"));
    setProblem("");
    onChange([...closures, { from: draft.from, to, label: draft.label.trim() }]);
    setDraft({ from: "", to: "", label: "" });
  };
  return (
    <fieldset className="holidays-editor">
      <legend>{w("holidays")}</legend>
      {closures.length === 0 ? (
        <p className="muted small">{w("noClosures")}</p>
      ) : (
        <ul className="closures">
          {closures.map((closure, index) => (
            <li key={`${closure.from}:${closure.to}:${closure.label}`} data-closure={closure.from}>
              <strong>{closure.label || w("closedDayLabel")}</strong> — {closureInWords(closure)}{" "}
              <button
                type="button"
                className="link"
                onClick={() => onChange(closures.filter((_, i) => i !== index))}
                aria-label={w("removeClosure", { what: closure.label || closureInWords(closure) })}
              >
                {w("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-row closure-draft">
        <LocalDateField
          label={w("closureFrom")}
          name="closure-from"
          value={draft.from}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <LocalDateField
          label={w("closureTo")}
          name="closure-to"
          min={draft.from || undefined}
          value={draft.to}
          onChange={(to) => setDraft({ ...draft, to })}
        />
        <label>
          {w("closureLabel")}
          <input
            name="closure-label"
            maxLength={120}
            value={draft.label}
            placeholder={w("closureLabelExample")}
            onChange={(event) => setDraft({ ...draft, label: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
        </label>
        <button type="button" onClick={add}>
          {w("addClosure")}
        </button>
      </div>
      {draft.from && (
        <p className="muted small" aria-live="polite">
          {w("closureDraft", { when: closureInWords({ ...draft, to: draft.to || draft.from }) })}
        </p>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <p className="muted small">{w("closuresHelp")}</p>
    </fieldset>
  );
}
