import { useCallback, useEffect, useState } from "react";
import type { User } from "../api.js";
import { agentApi, type ConversationDetail, type FloorPerson } from "./agent-api.js";
import { w } from "./words.js";

/**
 * A supervisor's (or admin's) hold on any conversation with people: take it over, give it to
 * someone who works its queue, or put it back in the queue. `holder` is who they see holding it,
 * so that a move made meanwhile by another supervisor is refused, not undone.
 */
export function SuperviseBar({
  detail,
  me,
  onMove,
}: {
  detail: ConversationDetail;
  me: User;
  onMove: (to: string | null, expected: string | null, done: string, force: boolean) => Promise<boolean>;
}) {
  /** Who works the floor; unknown until read, and then no one is said to be missing. */
  const [people, setPeople] = useState<FloorPerson[]>();
  const [target, setTarget] = useState("");
  const [busy, setBusy] = useState(false);
  const [force, setForce] = useState(false);
  const { conversation } = detail;
  const holder = conversation.status === "agent" ? conversation.assignedTo : null;
  // What each person holds moves with every case taken or given: read as the bar is drawn (again for
  // each holder, see `ConversationView`) and as the list is opened.
  // A read that fails leaves the list as last read (none at first): giving is then checked by the server.
  const readFloor = useCallback(() => {
    agentApi.floor().then(
      (floor) => setPeople(floor.people),
      () => undefined,
    );
  }, []);
  useEffect(readFloor, [readFloor]);
  const queue = detail.handoff?.queue;
  const candidates = (people ?? []).filter(
    (person) =>
      person.id !== holder && (person.queues.length === 0 || (queue !== undefined && person.queues.includes(queue))),
  );
  const chosen = target || candidates.find((person) => person.id !== me.id)?.id || "";
  const run = async (to: string | null, done: string, overCapacity = false) => {
    setBusy(true);
    await onMove(to, holder, done, overCapacity);
    setBusy(false);
  };
  return (
    <section className="supervise-bar" aria-label={w("supervise")}>
      {holder !== me.id && (
        <button type="button" className="primary" disabled={busy} onClick={() => run(me.id, w("tookOver"))}>
          {w("takeOver")}
        </button>
      )}
      {people === undefined ? null : candidates.length === 0 ? (
        <span className="muted small">{w("nobodyToGive")}</span>
      ) : (
        <>
          <label>
            {w("giveTo")}
            <select
              name="give-to"
              value={chosen}
              onFocus={readFloor}
              onChange={(event) => setTarget(event.target.value)}
            >
              {candidates.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name} ({w("holdingCount", { count: person.holding.length })})
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy || !chosen}
            onClick={() =>
              run(chosen, w("gaveTo", { name: candidates.find((person) => person.id === chosen)?.name ?? "" }), force)
            }
          >
            {w("give")}
          </button>
          <label className="small">
            <input
              type="checkbox"
              name="give-even-if-full"
              checked={force}
              onChange={(e) => setForce(e.target.checked)}
            />
            {w("giveEvenIfFull")}
          </label>
        </>
      )}
      {holder && (
        <button type="button" disabled={busy} onClick={() => run(null, w("returnedToQueue", { queue: queue ?? "" }))}>
          {w("returnToQueue")}
        </button>
      )}
    </section>
  );
}
