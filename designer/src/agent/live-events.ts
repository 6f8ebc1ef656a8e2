import { useEffect, useRef, useState } from "react";
import type { LiveEvent, LiveEventType } from "../../../schema/api/index.js";

export type { LiveEvent };

/** The events the console reloads on; providers' delivery reports (`conversation.delivery`) change nothing it shows. */
const EVENT_TYPES: LiveEventType[] = [
  "handoff.created",
  "conversation.message",
  "conversation.transferred",
  "conversation.claimed",
  "conversation.reassigned",
  "conversation.closed",
  "conversation.delivery_failed",
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
