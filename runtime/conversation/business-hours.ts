import { DateTime } from "luxon";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Opening intervals per weekday, local to the queue's time zone: `{ "mon": [["09:00", "18:00"]] }`. */
export type WeeklyHours = Partial<Record<Weekday, [string, string][]>>;

export interface Schedule {
  timezone: string;
  hours: WeeklyHours;
  /** Local dates (`2026-12-25`) when nobody works. */
  holidays: string[];
}

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
