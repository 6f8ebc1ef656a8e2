import type { TranscriptEvent } from "../../schema/transcript-event.js";

function sentence(event: TranscriptEvent): string {
  const from = "from" in event && event.from ? ` from ${event.from}` : "";
  switch (event.kind) {
    case "takeover":
      return `${event.by} took the conversation over${from}.`;
    case "reassign":
      return `${event.by} gave the conversation to ${event.to}${from}.`;
    case "requeue":
      return `${event.by} put the conversation back in the queue ${event.queue}${from}.`;
    case "release":
      return `${event.by} gave the conversation back to the bot at step ${event.nodeId}.`;
    case "transfer":
      return `${event.by} transferred the conversation to the queue ${event.queue}.`;
    case "resolve":
      return `${event.by} resolved the conversation: ${event.disposition}.`;
  }
}

/**
 * The transcript row for an event: the payload holds the facts (the console words them in the
 * reader's language), the text says them in English for whoever reads the store or the API.
 */
export function eventLine(conversationId: string, event: TranscriptEvent, at: number) {
  return {
    conversationId,
    role: "event",
    text: sentence(event),
    author: event.by,
    payload: JSON.stringify(event),
    at,
  };
}
