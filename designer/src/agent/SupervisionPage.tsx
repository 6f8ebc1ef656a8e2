import { useCallback, useEffect, useRef, useState } from "react";
import { failureText } from "../api.js";
import "./agent.css";
import type { PresenceOf } from "../../../schema/api/index.js";
import { agentApi, type FloorPerson, type QueueSummary } from "./agent-api.js";
import { chime, soundWanted } from "./alerts.js";
import { useLiveEvents } from "./live-events.js";
import { routingApi } from "./routing-api.js";
import { rw } from "./routing-words.js";
import { formatDuration, slaState } from "./sla.js";
import { language, w } from "./words.js";

/** Reloads now and then even without events: waits grow by themselves, events only say what moved. */
const RELOAD_MS = 15_000;

const duration = (ms: number) => formatDuration(ms, language);

/**
 * The floor live, for supervisors and admins: every queue (who waits, how long, SLA state with an
 * alert at breach) and every person (what they hold and for how long), each case a click away.
 */
export function SupervisionPage() {
  const [queues, setQueues] = useState<QueueSummary[]>([]);
  const [people, setPeople] = useState<FloorPerson[]>([]);
  const [presence, setPresence] = useState<PresenceOf[]>([]);
  const [loadedAt, setLoadedAt] = useState(Date.now);
  const [now, setNow] = useState(Date.now);
  const [error, setError] = useState("");
  const breached = useRef(new Set<string>());

  const load = useCallback(async () => {
    try {
      const [queueList, floor, presenceList] = await Promise.all([
        agentApi.queues(),
        agentApi.floor(),
        routingApi.presence(),
      ]);
      setQueues(queueList);
      setPeople(floor.people);
      setPresence(presenceList);
      setLoadedAt(Date.now());
      setError("");
    } catch (failure) {
      setError(failureText(failure));
    }
  }, []);

  useEffect(() => {
    void load();
    const reload = setInterval(() => void load(), RELOAD_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearInterval(reload);
      clearInterval(tick);
    };
  }, [load]);
  const { connected } = useLiveEvents(() => void load(), { keepsPresence: false });

  const late = queues.filter(
    (queue) => slaState(queue.slaDueAt ? Date.parse(queue.slaDueAt) : undefined, now, queue.slaMinutes) === "late",
  );
  // A breach rings once when it starts, not at every tick while it lasts.
  useEffect(() => {
    const current = new Set(late.map((queue) => queue.id));
    if ([...current].some((id) => !breached.current.has(id)) && soundWanted()) chime();
    breached.current = current;
  });
  const since = now - loadedAt;

  return (
    <div className="supervision">
      <header className="supervision-head">
        <h1>{w("supervision")}</h1>
        <span className={`live-dot ${connected ? "on" : "off"}`}>{connected ? w("live") : w("reconnecting")}</span>
      </header>
      {error && <p className="error">{error}</p>}
      {late.map((queue) => (
        <p key={queue.id} role="alert" className="sla-alert" data-breach={queue.id}>
          {w("breachAlert", {
            queue: queue.name,
            count: queue.waiting,
            late: duration(now - Date.parse(queue.slaDueAt ?? "")),
          })}
        </p>
      ))}
      <section aria-label={w("queues")}>
        <h2>{w("queues")}</h2>
        <table className="floor-queues">
          <thead>
            <tr>
              <th>{w("queue")}</th>
              <th>{w("queueState")}</th>
              <th>{w("waitingHead")}</th>
              <th>{w("oldestHead")}</th>
              <th>{w("slaHead")}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((queue) => {
              const dueAt = queue.slaDueAt ? Date.parse(queue.slaDueAt) : undefined;
              const sla = slaState(dueAt, now, queue.slaMinutes);
              return (
                <tr key={queue.id} data-queue={queue.id} className={`sla-${sla}`}>
                  <td>{queue.name}</td>
                  <td>{queue.open ? w("open") : w("closed")}</td>
                  <td data-waiting={queue.waiting}>{queue.waiting}</td>
                  <td>{queue.waiting > 0 ? duration(queue.oldestWaitSeconds * 1000 + since) : "—"}</td>
                  <td className={`sla ${sla}`}>
                    {sla === "none" || dueAt === undefined
                      ? w("slaTarget", { minutes: queue.slaMinutes })
                      : `${w(`sla.${sla}`)} · ${
                          sla === "late"
                            ? w("slaLate", { duration: duration(now - dueAt) })
                            : w("slaDue", { duration: duration(dueAt - now) })
                        }`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="muted small sla-caption">{w("slaOpenHoursOnly")}</p>
      </section>
      <section aria-label={w("people")}>
        <h2>{w("people")}</h2>
        <table className="floor-people">
          <thead>
            <tr>
              <th>{w("name")}</th>
              <th>{rw("presenceHead")}</th>
              <th>{w("worksQueues")}</th>
              <th>{w("load")}</th>
              <th>{w("holds")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => {
              const state = presence.find((entry) => entry.userId === person.id)?.presence ?? "offline";
              return (
                <tr key={person.id} data-person={person.name}>
                  <td>
                    {person.name}{" "}
                    <span className="muted small">
                      {w(`role.${person.role === "agent" ? "agentRole" : person.role}`)}
                    </span>
                  </td>
                  <td>
                    <span className={`pill presence-pill ${state}`} data-presence={state}>
                      {rw(`presence.${state}`)}
                    </span>
                  </td>
                  <td>
                    {person.queues.length === 0
                      ? w("allQueues")
                      : person.queues.map((id) => queues.find((queue) => queue.id === id)?.name ?? id).join(", ")}
                  </td>
                  <td data-load={person.holding.length}>{person.holding.length}</td>
                  <td>
                    <ul className="held">
                      {person.holding.map((held) => (
                        <li key={held.conversationId}>
                          <a href={`#/agent/${held.conversationId}`} data-held={held.conversationId}>
                            {queues.find((queue) => queue.id === held.queue)?.name ?? held.queue}
                          </a>{" "}
                          <span className="muted small">
                            {w("heldFor", { duration: duration(held.heldSeconds * 1000 + since) })}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
