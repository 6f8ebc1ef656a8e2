import { DateTime, IANAZone } from "luxon";
import type { Problem } from "../../schema/index.js";
import type { Schedule } from "../conversation/business-hours.js";
import { DomainError } from "../domain-error.js";

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
  schedule.holidays.forEach((date, index) => {
    if (!DateTime.fromISO(date).isValid) {
      problems.push(field(`/holidays/${index}`, `\`${date}\` is not a date; write it as YYYY-MM-DD.`));
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
