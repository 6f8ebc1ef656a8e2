import { useEffect, useRef } from "react";
import type { MessageDelivery } from "../../../schema/api/index.js";
import { Attachments } from "./Attachments.js";
import type { TranscriptEntry } from "./agent-api.js";
import { deliveryWords } from "./delivery-words.js";
import { describeEvent } from "./event-words.js";
import { type AgentWord, language, w } from "./words.js";

const time = (iso: string) =>
  new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );

/** The whole conversation, bot and people alike, internal notes set apart; texts are shown as text, never HTML. */
export function Transcript({
  entries,
  variables,
  deliveries,
  queueName,
}: {
  entries: TranscriptEntry[];
  /** A queue's name from its id, as events name queues by id. */
  queueName: (id: string) => string;
  /** How far each message sent got, by entry id; entries without one were answered in the request itself. */
  deliveries: ReadonlyMap<number, MessageDelivery>;
  /** What the bot collected, to say amounts with their currency. */
  variables: Record<string, unknown>;
}) {
  const end = useRef<HTMLLIElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `entries.length` is not read: a new line scrolls the end into view.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: "end" });
  }, [entries.length]);
  return (
    <section className="agent-transcript" aria-label={w("transcript")}>
      <ol>
        {entries.map((entry) => {
          const delivery = deliveries.get(entry.id);
          return (
            <li key={entry.id} className={`entry ${entry.role}`} data-role={entry.role}>
              <div className="entry-head">
                <span className="who">
                  {w(`role.${entry.role}` as AgentWord)}
                  {entry.author && ` · ${entry.author}`}
                </span>
                <time dateTime={entry.at}>{time(entry.at)}</time>
              </div>
              <p className="entry-text">
                {entry.event ? describeEvent(entry.event, variables, queueName) : entry.text}
              </p>
              {entry.attachments && <Attachments attachments={entry.attachments} />}
              {delivery && (
                <p className={`delivery ${delivery.state}`} data-delivery={delivery.state}>
                  {deliveryWords(delivery)}
                </p>
              )}
            </li>
          );
        })}
        <li ref={end} aria-hidden="true" className="entry-end" />
      </ol>
    </section>
  );
}
