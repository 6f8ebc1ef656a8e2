import { useEffect, useRef, useState } from "react";
import { type LiveEvent, type LiveEventType, PRESENCE_HEARTBEAT_MS } from "../../../schema/api/index.js";
import { routingApi } from "./routing-api.js";

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
  "conversation.delivery",
];

/**
 * Listens to the runtime's server-sent events for as long as the component lives; the browser's
 * EventSource reconnects by itself. `connected` is false while it does, so the console can say so.
 * With `keepsPresence` (the agent console) it also tells the runtime that its person is there, which
 * keeps them online: a closed tab or a sleeping laptop says nothing, and goes offline. Other pages do
 * not: a supervisor watching the floor would otherwise be given conversations they cannot see.
 */
export function useLiveEvents(
  onEvent: (event: LiveEvent) => void,
  { keepsPresence }: { keepsPresence: boolean },
): { connected: boolean } {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource(keepsPresence ? "/api/events" : "/api/events?present=false", {
      withCredentials: true,
    });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const listener = (message: MessageEvent<string>) => {
      handler.current(JSON.parse(message.data) as LiveEvent);
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, listener);
    // A heartbeat that fails is left to the next one: the connection notice already says when the
    // runtime cannot be reached.
    const heartbeat = keepsPresence
      ? setInterval(() => routingApi.myPresence().catch(() => undefined), PRESENCE_HEARTBEAT_MS)
      : undefined;
    return () => {
      clearInterval(heartbeat);
      source.close();
    };
  }, [keepsPresence]);
  return { connected };
}
