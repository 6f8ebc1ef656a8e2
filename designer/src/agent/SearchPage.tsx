import { type FormEvent, useCallback, useEffect, useState } from "react";
import type { ConversationStatus, SearchQuery, SearchResults } from "../../../schema/api/index.js";
import { failureText } from "../api.js";
import "./agent.css";
import { agentApi, type QueueSummary } from "./agent-api.js";
import { ConversationRow } from "./ConversationRow.js";
import { channelName } from "./channel-names.js";
import { searchApi } from "./search-api.js";
import { sw } from "./search-words.js";
import { language } from "./words.js";

const STATUSES: ConversationStatus[] = ["bot", "queued", "agent", "closed"];
const CHANNELS = ["rest", "webchat", "whatsapp", "messenger", "sms"];

const day = (at: number) =>
  new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(at),
  );

/** Any conversation, open or closed, by words and filters; each a click from itself and its customer's history. */
export function SearchPage() {
  const [query, setQuery] = useState<SearchQuery>({});
  const [queues, setQueues] = useState<QueueSummary[]>([]);
  const [found, setFound] = useState<SearchResults>();
  const [error, setError] = useState("");
  const [now, setNow] = useState(Date.now);
  const set = <K extends keyof SearchQuery>(key: K, value: SearchQuery[K]) => setQuery({ ...query, [key]: value });

  const run = useCallback(async (asked: SearchQuery) => {
    try {
      setFound(await searchApi.search(asked));
      setNow(Date.now());
      setError("");
    } catch (failure) {
      setError(failureText(failure));
    }
  }, []);
  useEffect(() => {
    agentApi.queues().then(setQueues, () => setQueues([]));
    void run({});
  }, [run]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(query);
  };
  const closedOnly = () => {
    const asked = { ...query, status: "closed" as const };
    setQuery(asked);
    void run(asked);
  };

  return (
    <div className="search-page">
      <h1>{sw("searchTitle")}</h1>
      <search>
        <form className="search-form" onSubmit={submit}>
          <label className="search-words">
            {sw("words")}
            <input
              type="search"
              name="q"
              maxLength={200}
              value={query.q ?? ""}
              onChange={(event) => set("q", event.target.value)}
            />
          </label>
          <label>
            {sw("status")}
            <select
              name="status"
              value={query.status ?? ""}
              onChange={(event) => set("status", (event.target.value || undefined) as ConversationStatus | undefined)}
            >
              <option value="">{sw("anyStatus")}</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {sw(`status.${status}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {sw("queue")}
            <select
              name="queue"
              value={query.queue ?? ""}
              onChange={(event) => set("queue", event.target.value || undefined)}
            >
              <option value="">{sw("anyQueue")}</option>
              {queues.map((queue) => (
                <option key={queue.id} value={queue.id}>
                  {queue.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {sw("channel")}
            <select
              name="channel"
              value={query.channel ?? ""}
              onChange={(event) => set("channel", event.target.value || undefined)}
            >
              <option value="">{sw("anyChannel")}</option>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {channelName(channel)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {sw("from")}
            <input
              type="date"
              name="from"
              value={query.from ?? ""}
              onChange={(event) => set("from", event.target.value || undefined)}
            />
          </label>
          <label>
            {sw("to")}
            <input
              type="date"
              name="to"
              value={query.to ?? ""}
              onChange={(event) => set("to", event.target.value || undefined)}
            />
          </label>
          <div className="search-buttons">
            <button type="submit" className="primary">
              {sw("find")}
            </button>
            <button type="button" onClick={closedOnly}>
              {sw("closedList")}
            </button>
          </div>
        </form>
      </search>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {found && (
        <section aria-label={sw("found", { count: found.results.length })}>
          <p role="status" className="muted">
            {found.results.length === 0 ? sw("nothing") : sw("found", { count: found.results.length })}
          </p>
          <ul className="search-results">
            {found.results.map((hit) => (
              <li key={hit.id} data-hit={hit.id} data-status={hit.status}>
                <ConversationRow conversation={hit} now={now}>
                  <div className="hit-foot small">
                    <span className={`pill status-${hit.status}`}>{sw(`status.${hit.status}`)}</span>
                    <span className="muted">{sw("started", { when: day(hit.createdAt) })}</span>
                    {hit.agentName && <span className="muted">{sw("heldBy", { name: hit.agentName })}</span>}
                    <a href={`#/agent/${hit.id}`}>{sw("open")}</a>
                    <a href={`#/customer/${hit.id}`}>{sw("history")}</a>
                  </div>
                </ConversationRow>
              </li>
            ))}
          </ul>
          {found.more && <p className="muted">{sw("more")}</p>}
        </section>
      )}
    </div>
  );
}
