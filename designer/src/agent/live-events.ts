import { useEffect, useRef, useState } from "react";

/** What the runtime announces on `GET /api/events` (runtime/queue/live-events.ts). */
export type LiveEvent =
  | { type: "handoff.created"; conversationId: string; queue: string; priority: string }
  | { type: "conversation.message"; conversationId: string; role: string; text: string }
  | { type: "conversation.transferred"; conversationId: string; queue: string }
  | { type: "conversation.claimed"; conversationId: string; agentId: string }
  | { type: "conversation.reassigned"; conversationId: string; queue: string; from: string | null; to: string | null }
  | { type: "conversation.closed"; conversationId: string }
  | { type: "conversation.delivery_failed"; conversationId: string; outboxId: number; attempts: number; error: string }
  | { type: "conversation.delivery"; conversationId: string; outboxId: number; status: string; error?: string };

const EVENT_TYPES: LiveEvent["type"][] = [
  "handoff.created",
  "conversation.message",
  "conversation.transferred",
  "conversation.claimed",
  "conversation.reassigned",
  "conversation.closed",
  "conversation.delivery_failed",
  "conversation.delivery",
];

/**
 * Listens to the runtime's server-sent events for as long as the component lives; the browser's
 * EventSource reconnects by itself. `connected` is false while it does, so the console can say so.
 */
export function useLiveEvents(onEvent: (event: LiveEvent) => void): { connected: boolean } {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource("/api/events", { withCredentials: true });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const listener = (message: MessageEvent<string>) => {
      handler.current(JSON.parse(message.data) as LiveEvent);
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, listener);
    return () => source.close();
  }, []);
  return { connected };
}
