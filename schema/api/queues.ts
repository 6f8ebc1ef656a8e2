import { type Static, Type } from "@sinclair/typebox";
import { SLUG_PATTERN } from "../common.js";
import { QueueNoticeTexts } from "./customer-notices.js";

/* The handoff queues: their settings for admins, their state for agents (`/api/queues…`, `/api/queue-settings`). */

export const Weekday = Type.Union([
  Type.Literal("mon"),
  Type.Literal("tue"),
  Type.Literal("wed"),
  Type.Literal("thu"),
  Type.Literal("fri"),
  Type.Literal("sat"),
  Type.Literal("sun"),
]);
export type Weekday = Static<typeof Weekday>;

/** Monday first, as Luxon numbers them (1 to 7). */
export const WEEKDAYS: readonly Weekday[] = Weekday.anyOf.map((day) => day.const);

const Time = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$", description: "`HH:MM`, local time." });

/** Opening intervals per weekday, local to the queue's time zone: `{ "mon": [["09:00", "18:00"]] }`. */
export const WeeklyHours = Type.Partial(
  Type.Record(
    Weekday,
    Type.Array(Type.Tuple([Time, Time]), { description: 'Opening intervals, local time, e.g. [["09:00", "18:00"]].' }),
  ),
  { additionalProperties: false },
);
export type WeeklyHours = Static<typeof WeeklyHours>;

const IsoDate = Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "A local date, `YYYY-MM-DD`." });

/** A holiday or an exceptional closure: one day (`from` = `to`) or several, both ends included. */
export const Closure = Type.Object(
  {
    from: IsoDate,
    to: IsoDate,
    label: Type.String({ maxLength: 120, description: "What it is, for the admins: “Noël”, “Inventaire”." }),
  },
  { additionalProperties: false },
);
export type Closure = Static<typeof Closure>;

const queueFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  level: Type.Integer({
    minimum: 1,
    maximum: 3,
    description: "1 answers first; 2 is pulled in by level 1 through a transfer.",
  }),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: "An IANA time zone, e.g. `Europe/Paris`." }),
  hours: WeeklyHours,
  holidays: Type.Array(Type.Union([IsoDate, Closure]), {
    description:
      "Local days when nobody works: a date (`2026-12-25`), or a closure from one date to another (both included) with a label.",
  }),
  slaMinutes: Type.Integer({ minimum: 1 }),
  outOfHoursText: Type.Record(Type.String(), Type.String({ minLength: 1 }), {
    description: "Told to customers outside hours, per language; `{{opensAt}}` becomes the next opening.",
  }),
  noticeTexts: Type.Optional(QueueNoticeTexts),
  satisfactionSurvey: Type.Optional(
    Type.Boolean({
      description:
        "Ask customers, once their case is resolved, how satisfied they are (1 to 5, in their language; the words are the `satisfaction` notice).",
    }),
  ),
};

export const QueueId = Type.String({ pattern: SLUG_PATTERN, maxLength: 64 });

export const QueueParams = Type.Object({ id: QueueId });
export type QueueParams = Static<typeof QueueParams>;

/** A queue's settings as an admin writes them (`PUT /api/queues/:id`). */
export const QueueSettingsBody = Type.Object(queueFields);
export type QueueSettingsBody = Static<typeof QueueSettingsBody>;

/** A queue as admins define it: level, business hours, holidays, SLA target and out-of-hours message. */
export const QueueSettings = Type.Object({ id: Type.String(), ...queueFields });
export type QueueSettings = Static<typeof QueueSettings>;

/** A queue an admin creates (`POST /api/queues`): refused when its id is already a queue's. */
export const NewQueueBody = Type.Object({ id: QueueId, ...queueFields });
export type NewQueueBody = Static<typeof NewQueueBody>;

export const SavedQueue = Type.Object({ id: Type.String() });
export type SavedQueue = Static<typeof SavedQueue>;

/** A queue as agents see it: how many wait, since when, and whether people are in. */
export const QueueSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: Type.Integer(),
  waiting: Type.Integer({ minimum: 0 }),
  oldestWaitSeconds: Type.Integer({ minimum: 0 }),
  open: Type.Boolean({ description: "Within business hours now." }),
  opensAt: Type.Optional(Type.String({ format: "date-time", description: "When it opens next, while closed." })),
  slaMinutes: Type.Integer(),
  timezone: Type.String({ description: "The queue's IANA time zone: opening times are shown in it." }),
  slaDueAt: Type.Optional(
    Type.String({ format: "date-time", description: "When the most pressing waiting case breaches its SLA." }),
  ),
});
export type QueueSummary = Static<typeof QueueSummary>;
