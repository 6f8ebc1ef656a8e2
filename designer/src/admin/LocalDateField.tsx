import { useEffect, useRef, useState } from "react";
import { language, w } from "../agent/words.js";
import "./local-date.css";

type Part = "day" | "month" | "year";

/** The order of day, month and year in the interface's language: day first in French, month first in English. */
const ORDER: Part[] = new Intl.DateTimeFormat(language, { timeZone: "UTC" })
  .formatToParts(new Date(Date.UTC(2026, 11, 25)))
  .flatMap((part) => (part.type === "day" || part.type === "month" || part.type === "year" ? [part.type] : []));

const WIDTH: Record<Part, number> = { day: 2, month: 2, year: 4 };

/** `2026-12-25` as the language writes it: `25/12/2026`, `12/25/2026`. */
function shown(iso: string): string {
  const [year, month, day] = iso.split("-");
  const parts: Record<Part, string | undefined> = { day, month, year };
  return iso ? ORDER.map((part) => parts[part]).join("/") : "";
}

/** The typed digits with the slashes put back in as the person types. */
function typed(text: string): string {
  const digits = text.replace(/\D/g, "").slice(0, 8);
  let out = "";
  let at = 0;
  for (const part of ORDER) {
    const piece = digits.slice(at, at + WIDTH[part]);
    if (!piece) break;
    out += (out ? "/" : "") + piece;
    at += WIDTH[part];
  }
  return out;
}

/** The ISO date a complete, real date typed in the language's order stands for; "" otherwise. */
function parsed(text: string): string {
  const digits = text.replace(/\D/g, "");
  if (digits.length !== 8) return "";
  const parts = {} as Record<Part, string>;
  let at = 0;
  for (const part of ORDER) {
    parts[part] = digits.slice(at, at + WIDTH[part]);
    at += WIDTH[part];
  }
  const iso = `${parts.year}-${parts.month}-${parts.day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : "";
}

/**
 * A date typed in the interface's own order (jj/mm/aaaa in French), or picked in the browser's
 * calendar: the browser's own date field shows its installation's format, not the interface's.
 */
export function LocalDateField({
  label,
  name,
  value,
  min,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  min?: string;
  onChange: (iso: string) => void;
}) {
  const [text, setText] = useState(shown(value));
  const picker = useRef<HTMLInputElement>(null);
  useEffect(() => {
    setText((current) => (parsed(current) === value ? current : shown(value)));
  }, [value]);
  const complete = text.replace(/\D/g, "").length === 8;
  return (
    <label className="local-date">
      {label}
      <span className="local-date-input">
        <input
          name={name}
          inputMode="numeric"
          autoComplete="off"
          placeholder={w("datePattern")}
          value={text}
          aria-invalid={complete && !parsed(text)}
          onChange={(event) => {
            const next = typed(event.target.value);
            setText(next);
            onChange(parsed(next));
          }}
        />
        <button
          type="button"
          className="link"
          aria-label={w("pickInCalendar", { field: label })}
          onClick={() => picker.current?.showPicker()}
        >
          {w("calendar")}
        </button>
        <input
          ref={picker}
          type="date"
          className="calendar-behind"
          tabIndex={-1}
          aria-hidden="true"
          min={min}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </span>
      {complete && !parsed(text) && (
        <span role="alert" className="error small">
          {w("notADate", { text })}
        </span>
      )}
    </label>
  );
}
