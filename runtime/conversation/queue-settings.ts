import { DateTime, IANAZone } from "luxon";
import type { Problem } from "../../schema/index.js";
import { DomainError } from "../domain-error.js";
import { asClosure, type Schedule } from "./business-hours.js";

const field = (pointer: string, message: string): Problem => ({
  code: "queue/schedule",
  severity: "error",
  file: "body",
  pointer,
  message,
});

/** What the request schema cannot say about business hours: a real time zone, intervals that end after they start. */
export function scheduleProblems(schedule: Schedule): Problem[] {
  const problems: Problem[] = [];
  if (!IANAZone.isValidZone(schedule.timezone)) {
    problems.push(
      field(
        "/timezone",
        `\`${schedule.timezone}\` is not an IANA time zone; write it like \`Europe/Paris\` or \`America/Montreal\`.`,
      ),
    );
  }
  if (Object.values(schedule.hours).every((intervals) => (intervals ?? []).length === 0)) {
    problems.push(
      field(
        "/hours",
        "The queue has no opening hours: its customers would be told people are back “as soon as possible” forever, and its SLA would run as if it were open. Give it hours, or make it always open with 00:00–24:00 on every day.",
      ),
    );
  }
  for (const [day, intervals] of Object.entries(schedule.hours)) {
    (intervals ?? []).forEach(([from, to], index) => {
      if (from >= to) {
        problems.push(
          field(
            `/hours/${day}/${index}`,
            `On ${day}, the interval ${from}–${to} ends before it starts; swap the times.`,
          ),
        );
      }
    });
  }
  schedule.holidays.map(asClosure).forEach(({ from, to }, index) => {
    const bad = [from, to].find((date) => !DateTime.fromISO(date).isValid);
    if (bad) {
      problems.push(field(`/holidays/${index}`, `\`${bad}\` is not a date; write it as YYYY-MM-DD.`));
    } else if (to < from) {
      problems.push(
        field(`/holidays/${index}`, `The closure from ${from} to ${to} ends before it starts; swap the dates.`),
      );
    }
  });
  return problems;
}

/** Refuses a queue whose business hours cannot work (400 naming each field). */
export function assertSchedule(schedule: Schedule): void {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) {
    throw new DomainError("invalid", "BAD_SCHEDULE", problems.map((problem) => problem.message).join(" "), problems);
  }
}
