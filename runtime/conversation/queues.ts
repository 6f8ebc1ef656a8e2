import { readFile } from "node:fs/promises";
import { QueueNoticeTexts, type QueueSettings, WeeklyHours } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { HolidayList, TextPerLanguage } from "../store/json-columns.js";
import { scheduleProblems } from "./queue-settings.js";

const officeHours: WeeklyHours = {
  mon: [["09:00", "18:00"]],
  tue: [["09:00", "18:00"]],
  wed: [["09:00", "18:00"]],
  thu: [["09:00", "18:00"]],
  fri: [["09:00", "18:00"]],
  sat: [["09:00", "12:00"]],
};

const backText = {
  fr: "Nos conseillers sont absents pour le moment. Ils reviennent {{opensAt}} et reprendront votre demande là où elle en est.",
  en: "Our agents are away right now. They are back {{opensAt}} and will pick up your request where it is.",
};

const seeded = (queue: Pick<QueueSettings, "id" | "name" | "level" | "slaMinutes">): QueueSettings => ({
  ...queue,
  timezone: "Europe/Paris",
  hours: officeHours,
  holidays: [
    { from: "2026-12-25", to: "2026-12-25", label: "Noël" },
    { from: "2027-01-01", to: "2027-01-01", label: "Jour de l'an" },
  ],
  outOfHoursText: backText,
});

const supportQueue = seeded({ id: "support", name: "Support", level: 1, slaMinutes: 30 });

export const defaultQueues: QueueSettings[] = [
  supportQueue,
  seeded({ id: "priority", name: "Clients prioritaires", level: 1, slaMinutes: 10 }),
  seeded({ id: "level2", name: "Niveau 2", level: 2, slaMinutes: 120 }),
];

function toRow(queue: QueueSettings) {
  return {
    id: queue.id,
    name: queue.name,
    level: queue.level,
    timezone: queue.timezone,
    hours: JSON.stringify(queue.hours),
    holidays: JSON.stringify(queue.holidays),
    slaMinutes: queue.slaMinutes,
    outOfHoursText: JSON.stringify(queue.outOfHoursText),
    // Absent: kept as stored, so a queues file that does not word them leaves the admin's words alone.
    ...(queue.noticeTexts ? { noticeTexts: JSON.stringify(queue.noticeTexts) } : {}),
    ...(queue.satisfactionSurvey === undefined ? {} : { satisfactionSurvey: queue.satisfactionSurvey ? 1 : 0 }),
  };
}

/** Seeds the default queues into an empty table, then applies the operator's file (`RELAIS_QUEUES_FILE`) over them. */
export async function setUpQueues(store: Store, file: string | undefined): Promise<void> {
  const fromFile: QueueSettings[] = file
    ? ((JSON.parse(await readFile(file, "utf8")) as Partial<QueueSettings>[]).map((queue) => ({
        ...(defaultQueues.find((d) => d.id === queue.id) ?? supportQueue),
        name: queue.id ?? "",
        ...queue,
      })) as QueueSettings[])
    : [];
  const problems = fromFile.flatMap((queue, index) =>
    scheduleProblems(queue).map(
      (problem) => `${file}#/${index}${problem.pointer} (queue ${queue.id}): ${problem.message}`,
    ),
  );
  // Refused before anything is written: the queues already stored stay as they were.
  if (problems.length > 0) throw new Error(`The queues file cannot be used:\n${problems.join("\n")}`);
  const { queues } = store.tables;
  await store.tx(async (db) => {
    const existing = await db.select({ id: queues.id }).from(queues);
    if (existing.length === 0) await db.insert(queues).values(defaultQueues.map(toRow));
    for (const queue of fromFile) await upsert(db, store, queue);
  });
}

async function upsert(db: Parameters<Parameters<Store["tx"]>[0]>[0], store: Store, queue: QueueSettings) {
  const { queues } = store.tables;
  const row = toRow(queue);
  await db.insert(queues).values(row).onConflictDoUpdate({ target: queues.id, set: row });
}

export async function saveQueue(store: Store, queue: QueueSettings): Promise<void> {
  await store.tx((db) => upsert(db, store, queue));
}

/** Writes a new queue; `false`, writing nothing, when its id is already a queue's. */
export async function createQueue(store: Store, queue: QueueSettings): Promise<boolean> {
  const { queues } = store.tables;
  const created = await store.tx((db) =>
    db.insert(queues).values(toRow(queue)).onConflictDoNothing({ target: queues.id }).returning({ id: queues.id }),
  );
  return created.length > 0;
}

export async function loadQueues(store: Store): Promise<Map<string, QueueSettings>> {
  const { queues } = store.tables;
  const rows = await store.read((db) => db.select().from(queues));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...row,
        hours: readJson(WeeklyHours, row.hours, { table: "queues", column: "hours", id: row.id }),
        holidays: readJson(HolidayList, row.holidays, { table: "queues", column: "holidays", id: row.id }),
        outOfHoursText: readJson(TextPerLanguage, row.outOfHoursText, {
          table: "queues",
          column: "out_of_hours_text",
          id: row.id,
        }),
        noticeTexts: readJson(QueueNoticeTexts, row.noticeTexts, {
          table: "queues",
          column: "notice_texts",
          id: row.id,
        }),
        satisfactionSurvey: row.satisfactionSurvey === 1,
      },
    ]),
  );
}
