import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, failureText, type User } from "../api.js";
import { LoadFailure, useRead } from "../app/LoadFailure.js";
import "./agent.css";
import type { QueueRoutingOf } from "../../../schema/api/index.js";
import { agentApi, type CannedResponse, type ConversationSummary, type QueueSummary } from "./agent-api.js";
import { chime, setSoundWanted, soundWanted, titleBadge } from "./alerts.js";
import { ConversationRow } from "./ConversationRow.js";
import { ConversationView } from "./ConversationView.js";
import { type LiveEvent, useLiveEvents } from "./live-events.js";
import { PresenceSwitch } from "./PresenceSwitch.js";
import { QueuesPanel } from "./QueuesPanel.js";
import { pruneReplies } from "./reply-draft.js";
import { routingApi } from "./routing-api.js";
import { w } from "./words.js";

const REFRESH_MS = 30_000;
/** Ages and SLA states move on between reloads. */
const TICK_MS = 5_000;

/**
 * The agents' side: the queues they work with "take next", their open conversations, and the one
 * open on the right. Kept current by the runtime's live events; a badge and an optional chime
 * announce new work (a handoff in one of their queues, a customer writing in one of theirs).
 */
export function AgentConsole({ me, conversationId }: { me: User; conversationId: string | undefined }) {
  const [queues, setQueues] = useState<QueueSummary[]>([]);
  /** Undefined until the runtime said which queues this agent works; empty means all of them. */
  const [myQueueIds, setMyQueueIds] = useState<string[]>();
  const [mine, setMine] = useState<ConversationSummary[]>([]);
  const [routing, setRouting] = useState<QueueRoutingOf[]>([]);
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [fresh, setFresh] = useState(0);
  const [sound, setSound] = useState(soundWanted);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState("");
  const [now, setNow] = useState(Date.now);

  /** Whether the canned responses were read: they are read with the rest until they are. */
  const cannedRead = useRef(false);
  // The agent's own queues are read with the rest: an admin may change them while the console is open.
  const load = useCallback(async () => {
    const [queueList, mineList, routingList, myQueues, cannedList] = await Promise.all([
      agentApi.queues(),
      agentApi.mine(),
      routingApi.routing(),
      agentApi.myQueues(),
      cannedRead.current ? undefined : agentApi.canned(),
    ]);
    setQueues(queueList);
    setMine(mineList);
    setRouting(routingList);
    setMyQueueIds(myQueues.queues);
    if (cannedList) {
      setCanned(cannedList);
      cannedRead.current = true;
    }
    setNow(Date.now());
  }, []);
  // A failed read keeps what was shown and says so above it: the lists may be out of date.
  const { failure, read: refresh } = useRead(load);

  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      clearInterval(timer);
      clearInterval(tick);
    };
  }, [refresh]);

  useEffect(() => titleBadge(fresh, `Relais — ${w("console")}`), [fresh]);

  /** Whether the drafts left in this browser were pruned: once per console, as it starts. */
  const pruned = useRef(false);
  useEffect(() => {
    // Not before the agent's conversations are known (their queues are read with them), whose drafts stay.
    if (pruned.current || myQueueIds === undefined) return;
    pruned.current = true;
    pruneReplies([...mine.map((conversation) => conversation.id), ...(conversationId ? [conversationId] : [])]);
  }, [myQueueIds, mine, conversationId]);

  const worked = (queue: string) => !myQueueIds?.length || myQueueIds.includes(queue);
  // Listed only once known to be theirs: a queue shown and then taken away could be taken from.
  const shown = myQueueIds ? queues.filter((queue) => worked(queue.id)) : [];

  const announce = useCallback(() => {
    setFresh((count) => count + 1);
    if (soundWanted()) chime();
  }, []);

  const onEvent = (event: LiveEvent) => {
    setVersions((current) => ({ ...current, [event.conversationId]: (current[event.conversationId] ?? 0) + 1 }));
    refresh();
    const isMine = mine.some((conversation) => conversation.id === event.conversationId);
    if (event.type === "handoff.created" && worked(event.queue)) announce();
    if (event.type === "conversation.message" && event.role === "customer" && isMine) announce();
  };
  const { connected } = useLiveEvents(onEvent, { keepsPresence: true });

  const open = (id: string) => {
    window.location.hash = `#/agent/${id}`;
    setFresh(0);
  };

  const take = async (queue: QueueSummary) => {
    setBusy(true);
    setNotice("");
    try {
      const claimed = await agentApi.claim(queue.id);
      if (claimed) open(claimed.conversation.id);
      else setNotice(w("queueEmpty", { queue: queue.name }));
    } catch (error) {
      setNotice(failureText(error));
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const pick = async (id: string) => {
    setBusy(true);
    setNotice("");
    try {
      open((await agentApi.pick(id)).conversation.id);
    } catch (error) {
      setNotice(
        error instanceof ApiError && error.code === "NOT_WAITING"
          ? error.details.holder
            ? w("pickedMeanwhile", { name: error.details.holder.name })
            : w("notWaitingAnyMore")
          : failureText(error),
      );
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <div className="agent-console">
      <aside className="agent-side">
        <div className="agent-status">
          <button
            type="button"
            className={`new-work ${fresh > 0 ? "has-new" : ""}`}
            aria-label={w("newWork", { count: fresh })}
            onClick={() => setFresh(0)}
          >
            <span className="count" data-testid="new-work">
              {fresh}
            </span>
          </button>
          <span className={`live-dot ${connected ? "on" : "off"}`}>{connected ? w("live") : w("reconnecting")}</span>
          <PresenceSwitch />
          <label className="sound">
            <input
              type="checkbox"
              checked={sound}
              onChange={(event) => {
                setSound(event.target.checked);
                setSoundWanted(event.target.checked);
                if (event.target.checked) chime();
              }}
            />
            {w("sound")}
          </label>
        </div>
        {failure && <LoadFailure failure={failure} onRetry={refresh} />}
        {notice && (
          <p role="status" className="notice info">
            {notice}
          </p>
        )}
        <QueuesPanel queues={shown} routing={routing} now={now} busy={busy} onTake={take} onPick={pick} />
        <section className="agent-mine" aria-label={w("mine")}>
          <h2>{w("mine")}</h2>
          {mine.length === 0 ? (
            <p className="muted">{w("noneMine")}</p>
          ) : (
            <ul>
              {mine.map((conversation) => (
                <li key={conversation.id}>
                  <a
                    href={`#/agent/${conversation.id}`}
                    data-mine={conversation.id}
                    aria-current={conversation.id === conversationId ? "page" : undefined}
                  >
                    <ConversationRow conversation={conversation} now={now} />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
      <main className="agent-main">
        {conversationId ? (
          <ConversationView
            key={conversationId}
            conversationId={conversationId}
            me={me}
            queues={queues}
            canned={canned}
            version={versions[conversationId] ?? 0}
            now={now}
            onChanged={refresh}
          />
        ) : (
          <p className="muted pick-one">{w("pickOne")}</p>
        )}
      </main>
    </div>
  );
}
