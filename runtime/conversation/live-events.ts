import type { LiveEvent } from "../../schema/api/index.js";
import type { Bus } from "../store/bus.js";

/** What agent consoles hear over `GET /api/events` (schema/api/live-events.ts). */
const TOPIC = "live";

/**
 * Fan-out of live events to every agent console, whichever process it is connected to: the
 * store's bus carries them (an emitter on SQLite, LISTEN/NOTIFY on PostgreSQL).
 */
export class LiveEvents {
  constructor(private readonly bus: Bus) {}

  publish(event: LiveEvent): void {
    this.bus.publish(TOPIC, fitted(event, this.bus.maxPayloadBytes));
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    return this.bus.subscribe(TOPIC, (payload) => listener(payload as LiveEvent));
  }
}

/**
 * A message text can be longer than one NOTIFY may carry: the event then brings its beginning,
 * and the console reads the whole text from the transcript.
 */
function fitted(event: LiveEvent, maxBytes: number): LiveEvent {
  if (event.type !== "conversation.message") return event;
  let { text } = event;
  while (text.length > 1 && Buffer.byteLength(JSON.stringify({ ...event, text })) > maxBytes) {
    text = `${text.slice(0, Math.floor(text.length * 0.8))}…`;
  }
  return text === event.text ? event : { ...event, text };
}
