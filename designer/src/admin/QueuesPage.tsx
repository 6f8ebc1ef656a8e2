import { type FormEvent, useCallback, useState } from "react";
import { w } from "../agent/words.js";
import { ApiError, failureText } from "../api.js";
import "./admin.css";
import type { QueueRoutingOf } from "../../../schema/api/index.js";
import { routingApi } from "../agent/routing-api.js";
import { rw } from "../agent/routing-words.js";
import { LoadFailure, useRead } from "../app/LoadFailure.js";
import { adminApi, type QueueSettings, WEEKDAYS } from "./admin-api.js";
import { HolidaysEditor } from "./HolidaysEditor.js";
import { HoursEditor } from "./HoursEditor.js";
import { NoticeTextsEditor, withoutEmptyTexts } from "./NoticeTextsEditor.js";
import { RoutingForm } from "./RoutingForm.js";
import { SatisfactionEditor } from "./SatisfactionEditor.js";

const TIME_ZONES: string[] =
  (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
const TEXT_LANGUAGES = ["fr", "en"] as const;

const blankQueue = (): QueueSettings => ({
  id: "",
  name: "",
  level: 1,
  timezone: "Europe/Paris",
  hours: {
    mon: [["09:00", "18:00"]],
    tue: [["09:00", "18:00"]],
    wed: [["09:00", "18:00"]],
    thu: [["09:00", "18:00"]],
    fri: [["09:00", "18:00"]],
  },
  holidays: [],
  slaMinutes: 30,
  outOfHoursText: {
    fr: "Nos conseillers sont absents pour le moment. Ils reviennent {{opensAt}} et reprendront votre demande.",
  },
});

type Hours = QueueSettings["hours"];

const ROUND_THE_CLOCK: Hours = Object.fromEntries(WEEKDAYS.map((day) => [day, [["00:00", "24:00"]]]));
const OFFICE_HOURS: Hours = Object.fromEntries(WEEKDAYS.slice(0, 5).map((day) => [day, [["09:00", "18:00"]]])) as Hours;

const alwaysOpen = (hours: Hours) =>
  WEEKDAYS.every((day) => hours[day]?.length === 1 && hours[day][0]?.[0] === "00:00" && hours[day][0]?.[1] === "24:00");

/** A queue that never opens would tell its customers "as soon as possible" forever. */
const hasHours = (hours: Hours) => Object.values(hours).some((intervals) => (intervals ?? []).length > 0);

function QueueForm({ initial, isNew, onSaved }: { initial: QueueSettings; isNew: boolean; onSaved: () => void }) {
  const [queue, setQueue] = useState(initial);
  const [message, setMessage] = useState<{ error: boolean; text: string } | undefined>();
  const set = <K extends keyof QueueSettings>(key: K, value: QueueSettings[K]) => setQueue({ ...queue, [key]: value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!hasHours(queue.hours)) {
      setMessage({ error: true, text: w("noHours") });
      return;
    }
    const outOfHoursText = Object.fromEntries(
      Object.entries(queue.outOfHoursText).filter(([, text]) => text.trim() !== ""),
    );
    const settings = {
      ...queue,
      outOfHoursText,
      noticeTexts: withoutEmptyTexts(queue.noticeTexts ?? {}),
    };
    try {
      // A new queue is created, never written over one of the same id, whose settings would be lost.
      await (isNew ? adminApi.createQueue(settings) : adminApi.saveQueue(settings));
      setMessage({ error: false, text: w("saved") });
      onSaved();
    } catch (error) {
      setMessage({
        error: true,
        text:
          error instanceof ApiError && error.code === "QUEUE_EXISTS"
            ? w("queueExists", { id: queue.id })
            : error instanceof ApiError && error.problems.length > 0
              ? error.problems.map((problem) => problem.message).join(" ")
              : String(error instanceof Error ? error.message : error),
      });
    }
  };

  const remove = async () => {
    if (!window.confirm(w("confirmDeleteQueue", { name: queue.name }))) return;
    try {
      await adminApi.deleteQueue(queue.id);
      onSaved();
    } catch (error) {
      setMessage({ error: true, text: failureText(error) });
    }
  };

  return (
    <form className="admin-form queue-form" data-queue-form={queue.id || "new"} onSubmit={save}>
      <div className="form-row">
        {isNew && (
          <label>
            {w("queueId")}
            <input
              name="queue-id"
              required
              pattern="[a-z0-9][a-z0-9-]*"
              value={queue.id}
              onChange={(event) => set("id", event.target.value)}
            />
          </label>
        )}
        <label>
          {w("name")}
          <input name="queue-name" required value={queue.name} onChange={(event) => set("name", event.target.value)} />
        </label>
        <label>
          {w("levelLabel")}
          <select name="queue-level" value={queue.level} onChange={(event) => set("level", Number(event.target.value))}>
            {[1, 2, 3].map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w("slaMinutes")}
          <input
            name="queue-sla"
            type="number"
            min={1}
            required
            value={queue.slaMinutes}
            onChange={(event) => set("slaMinutes", Number(event.target.value))}
          />
        </label>
        <label>
          {w("timezone")}
          <input
            name="queue-timezone"
            list="time-zones"
            required
            value={queue.timezone}
            onChange={(event) => set("timezone", event.target.value)}
          />
        </label>
      </div>
      <fieldset>
        <legend>{w("hours")}</legend>
        <label className="always-open">
          <input
            type="checkbox"
            name="queue-always-open"
            checked={alwaysOpen(queue.hours)}
            onChange={(event) => set("hours", event.target.checked ? ROUND_THE_CLOCK : OFFICE_HOURS)}
          />
          {w("alwaysOpen")}
        </label>
        {!alwaysOpen(queue.hours) && <HoursEditor hours={queue.hours} onChange={(hours) => set("hours", hours)} />}
      </fieldset>
      <HolidaysEditor holidays={queue.holidays} onChange={(holidays) => set("holidays", holidays)} />
      {TEXT_LANGUAGES.map((lang) => (
        <label key={lang}>
          {w("outOfHours", { lang })}
          <textarea
            name={`queue-out-of-hours-${lang}`}
            rows={2}
            value={queue.outOfHoursText[lang] ?? ""}
            onChange={(event) => set("outOfHoursText", { ...queue.outOfHoursText, [lang]: event.target.value })}
          />
        </label>
      ))}
      <p className="muted small">{w("outOfHoursHelp")}</p>
      <NoticeTextsEditor texts={queue.noticeTexts ?? {}} onChange={(texts) => set("noticeTexts", texts)} />
      <SatisfactionEditor
        asked={queue.satisfactionSurvey ?? false}
        texts={queue.noticeTexts ?? {}}
        onChange={(asked, texts) => setQueue({ ...queue, satisfactionSurvey: asked, noticeTexts: texts })}
      />
      <div className="form-buttons">
        <button type="submit" className="primary">
          {w("save")}
        </button>
        {!isNew && (
          <button type="button" className="danger" onClick={remove}>
            {w("deleteQueue")}
          </button>
        )}
        {message && (
          <span role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}

/** Admins define the queues: level, business hours with time zone and holidays, SLA target, out-of-hours message. */
export function QueuesPage() {
  const [queues, setQueues] = useState<QueueSettings[]>([]);
  const [routing, setRouting] = useState<QueueRoutingOf[]>([]);
  /** Counts the reads: until the first, the new queue's form could not know which ids are taken. */
  const [generation, setGeneration] = useState(0);
  const load = useCallback(async () => {
    const [queueList, routingList] = await Promise.all([adminApi.queues(), routingApi.routing()]);
    setQueues(queueList);
    setRouting(routingList);
    setGeneration((count) => count + 1);
  }, []);
  const { failure: readFailure, read } = useRead(load);

  return (
    <div className="admin-page">
      <datalist id="time-zones">
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <h1>{w("queueSettings")}</h1>
      {readFailure && <LoadFailure failure={readFailure} onRetry={read} />}
      {queues.map((queue) => {
        const routed = routing.find((settings) => settings.queueId === queue.id);
        return (
          <details key={`${queue.id}:${generation}`} className="queue-settings">
            <summary>
              <strong>{queue.name}</strong> <span className="muted">({queue.id})</span> ·{" "}
              {w("level", { level: queue.level })} · {queue.timezone} · {queue.slaMinutes} min
              {routed && ` · ${rw("routingSummary", { mode: rw(`routingMode.${routed.mode}`) })}`}
            </summary>
            <QueueForm initial={queue} isNew={false} onSaved={load} />
            {routed && <RoutingForm initial={routed} />}
          </details>
        );
      })}
      {generation > 0 && (
        <details className="queue-settings">
          <summary>
            <strong>{w("newQueue")}</strong>
          </summary>
          <QueueForm key={`new:${generation}`} initial={blankQueue()} isNew onSaved={load} />
        </details>
      )}
    </div>
  );
}
