import { describe, expect, it } from "vitest";
import { afterOpenTime, isClosedDay, openState } from "../../../runtime/conversation/business-hours.js";
import { recordHandoff } from "../../../runtime/conversation/handoff-record.js";
import { scheduleProblems } from "../../../runtime/conversation/queue-settings.js";
import type { QueueSettings } from "../../../schema/api/index.js";

const weekdays = {
  mon: [["09:00", "18:00"]],
  tue: [["09:00", "18:00"]],
  wed: [["09:00", "18:00"]],
  thu: [["09:00", "18:00"]],
  fri: [["09:00", "18:00"]],
} as QueueSettings["hours"];
const office = { timezone: "Europe/Paris", hours: weekdays, holidays: [] } as Pick<
  QueueSettings,
  "timezone" | "hours" | "holidays"
>;
// Paris is at UTC+1 in December 2026: Friday the 4th, Monday the 7th, Tuesday the 8th.
const paris = (local: string) => new Date(`${local}+01:00`);

describe("the SLA counts the queue's open hours only", () => {
  it("counts from now within the day", () => {
    expect(afterOpenTime(office, paris("2026-12-07T10:00:00"), 30)).toEqual(paris("2026-12-07T10:30:00"));
  });

  it("stops over the night", () => {
    expect(afterOpenTime(office, paris("2026-12-07T17:50:00"), 30)).toEqual(paris("2026-12-08T09:20:00"));
  });

  it("stops over the weekend, and starts at the opening when the case arrives while closed", () => {
    expect(afterOpenTime(office, paris("2026-12-04T17:50:00"), 30)).toEqual(paris("2026-12-07T09:20:00"));
    expect(afterOpenTime(office, paris("2026-12-05T11:00:00"), 30)).toEqual(paris("2026-12-07T09:30:00"));
  });

  it("stops over a holiday and over a closure of several days", () => {
    const holiday = { ...office, holidays: ["2026-12-07"] };
    expect(afterOpenTime(holiday, paris("2026-12-04T17:50:00"), 30)).toEqual(paris("2026-12-08T09:20:00"));
    const closure = { ...office, holidays: [{ from: "2026-12-07", to: "2026-12-09", label: "Inventaire" }] };
    expect(afterOpenTime(closure, paris("2026-12-04T17:50:00"), 30)).toEqual(paris("2026-12-10T09:20:00"));
  });

  it("counts plain time for a queue open round the clock", () => {
    const always = {
      ...office,
      hours: Object.fromEntries(
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]]),
      ),
    } as typeof office;
    expect(afterOpenTime(always, paris("2026-12-05T23:50:00"), 30)).toEqual(paris("2026-12-06T00:20:00"));
  });

  it("gives a handoff arriving on Friday evening an SLA due on Monday morning", () => {
    const queue: QueueSettings = {
      id: "support",
      name: "Support",
      level: 1,
      slaMinutes: 30,
      outOfHoursText: { fr: "Retour {{opensAt}}." },
      ...office,
    };
    const { row, outOfHours } = recordHandoff({
      conversationId: "c1",
      handoff: {
        queue: "support",
        priority: "normal",
        reason: { ruleId: "r", kind: "humanRequest", values: { text: "un conseiller", keyword: "conseiller" } },
        summary: {},
        nodeId: "n",
      },
      queues: new Map([["support", queue]]),
      now: paris("2026-12-04T18:30:00").getTime(),
      language: "fr",
    });
    expect(row.slaDueAt).toBe(paris("2026-12-07T09:30:00").getTime());
    expect(outOfHours?.text).toBe("Retour lundi 7 décembre à 09:00.");
  });
});

describe("holidays and exceptional closures", () => {
  const closure = {
    ...office,
    holidays: ["2026-12-25", { from: "2026-12-28", to: "2026-12-31", label: "Inventaire" }],
  };

  it("closes a listed date and every day of a closure, both ends included", () => {
    expect(
      ["2026-12-24", "2026-12-25", "2026-12-27", "2026-12-28", "2026-12-31", "2027-01-01"].map((d) =>
        isClosedDay(closure, d),
      ),
    ).toEqual([false, true, false, true, true, false]);
  });

  it("tells customers the first opening after the closure", () => {
    expect(openState(closure, paris("2026-12-28T10:00:00"))).toEqual({
      open: false,
      opensAt: paris("2027-01-01T09:00:00"),
    });
  });

  it("refuses a closure that ends before it starts, or a date that is not one", () => {
    const problems = scheduleProblems({
      ...office,
      holidays: [
        { from: "2026-12-31", to: "2026-12-28", label: "" },
        { from: "2026-02-30", to: "2026-02-30", label: "" },
      ],
    });
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([
      ["/holidays/0", "The closure from 2026-12-31 to 2026-12-28 ends before it starts; swap the dates."],
      ["/holidays/1", "`2026-02-30` is not a date; write it as YYYY-MM-DD."],
    ]);
  });
});
