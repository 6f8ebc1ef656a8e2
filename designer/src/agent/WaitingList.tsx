import { useEffect, useState } from "react";
import { agentApi, type ConversationSummary, type QueueSummary } from "./agent-api.js";
import { ConversationRow } from "./ConversationRow.js";
import { w } from "./words.js";

/**
 * A queue's waiting cases, most urgent first, each one takeable unless the queue turned picking off
 * (no `onPick`); reloaded whenever the queue moves.
 */
export function WaitingList({
  queue,
  now,
  busy,
  onPick,
}: {
  queue: QueueSummary;
  now: number;
  busy: boolean;
  onPick: ((conversationId: string) => void) | undefined;
}) {
  const [rows, setRows] = useState<ConversationSummary[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the queue's count and deadline are not read: when they move, the list is loaded again.
  useEffect(() => {
    let current = true;
    agentApi.waiting(queue.id).then(
      (list) => current && setRows(list),
      () => current && setRows([]),
    );
    return () => {
      current = false;
    };
  }, [queue.id, queue.waiting, queue.slaDueAt]);
  return (
    <ol className="waiting-list" aria-label={w("waiting", { count: rows.length })}>
      {rows.map((row) => (
        <li key={row.id} data-waiting-case={row.id}>
          <ConversationRow conversation={row} now={now}>
            {onPick && (
              <button type="button" disabled={busy} onClick={() => onPick(row.id)}>
                {w("pick")}
              </button>
            )}
          </ConversationRow>
        </li>
      ))}
    </ol>
  );
}
