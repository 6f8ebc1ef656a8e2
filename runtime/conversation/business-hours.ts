import { DateTime } from "luxon";
import { type Closure, type QueueSettings, WEEKDAYS, type Weekday } from "../../schema/api/index.js";

/** When a queue's people work: its time zone, weekly hours and holidays. */
export type Schedule = Pick<QueueSettings, "timezone" | "hours" | "holidays">;

/** How far ahead a closed queue looks for its next opening (a long closure included). */
const HORIZON_DAYS = 400;

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** A holiday as a closure: a bare date is a one-day closure without a label. */
export const asClosure = (holiday: string | Closure): Closure =>
  typeof holiday === "string" ? { from: holiday, to: holiday, label: "" } : holiday;

/** Whether the local date (`YYYY-MM-DD`) falls on a holiday or within an exceptional closure. */
export function isClosedDay(schedule: Pick<Schedule, "holidays">, date: string): boolean {
  return schedule.holidays.some((holiday) => {
    const { from, to } = asClosure(holiday);
    return from <= date && date <= to;
  });
}

/** The open intervals of one local day, in order; none on a holiday or closure. */
function openIntervals(schedule: Schedule, day: DateTime): [DateTime, DateTime][] {
  if (isClosedDay(schedule, day.toISODate() ?? "")) return [];
  return [...(schedule.hours[WEEKDAYS[day.weekday - 1] as Weekday] ?? [])]
    .sort((a, b) => minutes(a[0]) - minutes(b[0]))
    .map(([from, to]) => [day.plus({ minutes: minutes(from) }), day.plus({ minutes: minutes(to) })]);
}

/** Each open interval from `local`'s day on, over the horizon. */
function* intervalsFrom(schedule: Schedule, local: DateTime): Generator<[DateTime, DateTime]> {
  for (let day = 0; day < HORIZON_DAYS; day++) {
    yield* openIntervals(schedule, local.startOf("day").plus({ days: day }));
  }
}

/** Whether people are there now, and if not, when they are back (within the horizon). */
export function openState(schedule: Schedule, now: Date): { open: boolean; opensAt?: Date } {
  const local = DateTime.fromJSDate(now, { zone: schedule.timezone });
  if (!local.isValid) return { open: true };
  for (const [start, end] of intervalsFrom(schedule, local)) {
    if (local >= start && local < end) return { open: true };
    if (start > local) return { open: false, opensAt: start.toJSDate() };
  }
  return { open: false };
}

/**
 * When `openMinutes` of open time have passed from `start`: the SLA's due time, counting only the
 * queue's hours (nights, weekends, holidays and closures do not count). A schedule that never opens
 * within the horizon counts plain time.
 */
export function afterOpenTime(schedule: Schedule, start: Date, openMinutes: number): Date {
  const local = DateTime.fromJSDate(start, { zone: schedule.timezone });
  const plain = new Date(start.getTime() + openMinutes * 60_000);
  if (!local.isValid) return plain;
  let left = openMinutes * 60_000;
  for (const [from, to] of intervalsFrom(schedule, local)) {
    if (to <= local) continue;
    const begin = from > local ? from : local;
    const span = to.toMillis() - begin.toMillis();
    if (span >= left) return new Date(begin.toMillis() + left);
    left -= span;
  }
  return plain;
}

/** "lundi 24 novembre à 09:00" in the queue's time zone and the customer's language. */
export function describeOpening(opensAt: Date, timezone: string, language: string): string {
  const local = DateTime.fromJSDate(opensAt, { zone: timezone }).setLocale(language);
  return local.toFormat(language.startsWith("fr") ? "cccc d LLLL 'à' HH:mm" : "cccc d LLLL 'at' HH:mm");
}
