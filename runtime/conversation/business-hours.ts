import { DateTime } from "luxon";
import { type QueueSettings, WEEKDAYS, type Weekday } from "../../schema/api/index.js";

/** When a queue's people work: its time zone, weekly hours and holidays. */
export type Schedule = Pick<QueueSettings, "timezone" | "hours" | "holidays">;

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Whether people are there now, and if not, when they are back (within the next two weeks). */
export function openState(schedule: Schedule, now: Date): { open: boolean; opensAt?: Date } {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  if (!local.isValid) return { open: true };
  const holidays = new Set(schedule.holidays);
  for (let day = 0; day < 15; day++) {
    const date = local.startOf("day").plus({ days: day });
    if (holidays.has(date.toISODate() ?? "")) continue;
    const intervals = [...(schedule.hours[WEEKDAYS[date.weekday - 1] as Weekday] ?? [])].sort(
      (a, b) => minutes(a[0]) - minutes(b[0]),
    );
    for (const [from, to] of intervals) {
      const start = date.plus({ minutes: minutes(from) });
      const end = date.plus({ minutes: minutes(to) });
      if (day === 0 && local >= start && local < end) return { open: true };
      if (start > local) return { open: false, opensAt: start.toJSDate() };
    }
  }
  return { open: false };
}

/** "lundi 24 novembre à 09:00" in the queue's time zone and the customer's language. */
export function describeOpening(opensAt: Date, timezone: string, language: string): string {
  const local = DateTime.fromJSDate(opensAt, { zone: timezone }).setLocale(language);
  return local.toFormat(language.startsWith("fr") ? "cccc d LLLL 'à' HH:mm" : "cccc d LLLL 'at' HH:mm");
}
