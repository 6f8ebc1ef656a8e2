import { useEffect, useRef } from "react";
import { DISPOSITIONS, isDisposition } from "../../../schema/disposition.js";
import type { TranscriptEvent } from "../../../schema/transcript-event.js";
import { say } from "../i18n.js";
import type { TranscriptEntry } from "./agent-api.js";
import { type AgentWord, language, w } from "./words.js";

const time = (iso: string) =>
  new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );

/** A disposition code in the reader's language; one stored before codes existed shows as it was written. */
export const dispositionWords = (code: string): string => (isDisposition(code) ? say(DISPOSITIONS[code]) : code);

/** What a person did, in the reader's language. */
function eventWords(event: TranscriptEvent): string {
  switch (event.kind) {
    case "takeover":
      return event.from
        ? w("event.takeoverFrom", { ...event, from: event.from })
        : w("event.takeover", { by: event.by });
    case "reassign":
      return event.from
        ? w("event.reassignFrom", { ...event, from: event.from })
        : w("event.reassign", { by: event.by, to: event.to });
    case "requeue":
      return event.from
        ? w("event.requeueFrom", { ...event, from: event.from })
        : w("event.requeue", { by: event.by, queue: event.queue });
    case "release":
      return w("event.release", { by: event.by, node: event.nodeId });
    case "transfer":
      return w("event.transfer", event);
    case "resolve":
      return w("event.resolve", { by: event.by, disposition: dispositionWords(event.disposition) });
  }
}

/** The whole conversation, bot and people alike, internal notes set apart; texts are shown as text, never HTML. */
export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [entries.length]);
  return (
    <section className="agent-transcript" aria-label={w("transcript")}>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id} className={`entry ${entry.role}`} data-role={entry.role}>
            <div className="entry-head">
              <span className="who">
                {w(`role.${entry.role}` as AgentWord)}
                {entry.author && ` · ${entry.author}`}
              </span>
              <time dateTime={entry.at}>{time(entry.at)}</time>
            </div>
            <p className="entry-text">{entry.event ? eventWords(entry.event) : entry.text}</p>
          </li>
        ))}
        <li ref={end} aria-hidden="true" className="entry-end" />
      </ol>
    </section>
  );
}
