import { w } from "../agent/words.js";
import { useRowKeys } from "../app/row-keys.js";
import { type QueueSettings, WEEKDAYS, type Weekday } from "./admin-api.js";

type Hours = QueueSettings["hours"];

/** Weekly opening intervals, local to the queue's time zone; a day without intervals is closed. */
export function HoursEditor({ hours, onChange }: { hours: Hours; onChange: (next: Hours) => void }) {
  const setDay = (day: Weekday, intervals: [string, string][]) => {
    const next = { ...hours };
    if (intervals.length === 0) delete next[day];
    else next[day] = intervals;
    onChange(next);
  };
  return (
    <table className="hours-editor">
      <tbody>
        {WEEKDAYS.map((day) => (
          <DayHours key={day} day={day} intervals={hours[day] ?? []} setDay={setDay} />
        ))}
      </tbody>
    </table>
  );
}

/** One day's intervals; each keeps its inputs while another is removed. */
function DayHours({
  day,
  intervals,
  setDay,
}: {
  day: Weekday;
  intervals: [string, string][];
  setDay: (day: Weekday, intervals: [string, string][]) => void;
}) {
  const { keys, removing } = useRowKeys(intervals.length);
  return (
    <tr data-day={day}>
      <th scope="row">{w(`day.${day}`)}</th>
      <td>
        {intervals.length === 0 && <span className="muted">{w("closedDay")}</span>}
        {intervals.map(([from, to], index) => (
          <span key={keys[index]} className="interval">
            <input
              type="time"
              aria-label={`${w(`day.${day}`)} ${index + 1} ↦`}
              value={from}
              onChange={(event) =>
                setDay(
                  day,
                  intervals.map((item, i) => (i === index ? [event.target.value, item[1]] : item)),
                )
              }
            />
            –
            <input
              type="time"
              aria-label={`${w(`day.${day}`)} ${index + 1} ⇥`}
              value={to === "24:00" ? "23:59" : to}
              onChange={(event) =>
                setDay(
                  day,
                  intervals.map((item, i) => (i === index ? [item[0], event.target.value] : item)),
                )
              }
            />
            <button
              type="button"
              className="link"
              aria-label={`${w("closedDay")} ${index + 1}`}
              onClick={() => {
                removing(index);
                setDay(
                  day,
                  intervals.filter((_, i) => i !== index),
                );
              }}
            >
              ✕
            </button>
          </span>
        ))}
        <button type="button" className="link" onClick={() => setDay(day, [...intervals, ["09:00", "18:00"]])}>
          {w("addInterval")}
        </button>
      </td>
    </tr>
  );
}
