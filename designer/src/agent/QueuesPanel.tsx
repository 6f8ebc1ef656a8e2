import { useState } from "react";
import type { QueueRoutingOf } from "../../../schema/api/index.js";
import type { QueueSummary } from "./agent-api.js";
import { rw } from "./routing-words.js";
import { formatDuration, slaState } from "./sla.js";
import { WaitingList } from "./WaitingList.js";
import { language, w } from "./words.js";

/** The next opening in the queue's own time zone (named when it is not the agent's), as customers were told. */
function openingTime(iso: string, timeZone: string) {
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: zone,
    }).format(new Date(iso));
  try {
    return timeZone === local ? format(undefined) : `${format(timeZone)} (${timeZone})`;
  } catch {
    return format(undefined);
  }
}

/** Each queue the agent works: who waits, for how long, against which SLA, and whether it is open. */
export function QueuesPanel({
  queues,
  routing,
  now,
  busy,
  onTake,
  onPick,
}: {
  queues: QueueSummary[];
  /** How each queue hands out its cases; a queue not listed works by hand. */
  routing: QueueRoutingOf[];
  now: number;
  busy: boolean;
  onTake: (queue: QueueSummary) => void;
  onPick: (conversationId: string) => void;
}) {
  const [listed, setListed] = useState<string>();
  return (
    <section className="agent-queues" aria-label={w("queues")}>
      <h2>{w("queues")}</h2>
      <ul>
        {queues.map((queue) => {
          const dueAt = queue.slaDueAt ? Date.parse(queue.slaDueAt) : undefined;
          const sla = slaState(dueAt, now, queue.slaMinutes);
          const routed = routing.find((settings) => settings.queueId === queue.id);
          return (
            <li key={queue.id} data-queue={queue.id} className={`queue sla-${sla}`}>
              <div className="queue-head">
                <strong>{queue.name}</strong>
                <span className="muted">{w("level", { level: queue.level })}</span>
                <span className={`pill ${queue.open ? "open" : "closed"}`}>
                  {queue.open
                    ? w("open")
                    : queue.opensAt
                      ? w("closedUntil", { when: openingTime(queue.opensAt, queue.timezone) })
                      : w("closedNoHours")}
                </span>
              </div>
              <div className="queue-stats">
                <span className="waiting" data-waiting={queue.waiting}>
                  {w("waiting", { count: queue.waiting })}
                </span>
                {queue.waiting > 0 && (
                  <span className="muted">
                    {w("oldestWait", { duration: formatDuration(queue.oldestWaitSeconds * 1000, language) })}
                  </span>
                )}
                {sla !== "none" && dueAt !== undefined && (
                  <span className={`sla ${sla}`}>
                    {w(`sla.${sla}`)} ·{" "}
                    {sla === "late"
                      ? w("slaLate", { duration: formatDuration(now - dueAt, language) })
                      : w("slaDue", { duration: formatDuration(dueAt - now, language) })}
                  </span>
                )}
              </div>
              {!queue.open && queue.waiting > 0 && <p className="muted small">{w("outOfHoursTold")}</p>}
              {routed?.mode === "automatic" ? (
                <p className="muted small automatic-queue">{rw("automaticQueue", { capacity: routed.capacity })}</p>
              ) : (
                <button
                  type="button"
                  className="primary"
                  disabled={busy || queue.waiting === 0}
                  onClick={() => onTake(queue)}
                >
                  {w("takeNext")}
                </button>
              )}
              {queue.waiting > 0 && (
                <button
                  type="button"
                  className="link"
                  aria-expanded={listed === queue.id}
                  onClick={() => setListed(listed === queue.id ? undefined : queue.id)}
                >
                  {listed === queue.id ? w("hideWaiting") : w("seeWaiting")}
                </button>
              )}
              {listed === queue.id && queue.waiting > 0 && (
                <WaitingList
                  queue={queue}
                  now={now}
                  busy={busy}
                  onPick={routed?.allowPicking === false ? undefined : onPick}
                />
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted small sla-caption">{w("slaOpenHoursOnly")}</p>
    </section>
  );
}
