import { EventEmitter } from "node:events";

/** What the agent console hears about, over `GET /api/events`. */
export type LiveEvent =
  | { type: "handoff.created"; conversationId: string; queue: string; priority: string }
  | { type: "conversation.message"; conversationId: string; role: string; text: string }
  | { type: "conversation.transferred"; conversationId: string; queue: string }
  | { type: "conversation.claimed"; conversationId: string; agentId: string }
  | { type: "conversation.closed"; conversationId: string };

/** In-process fan-out of live events (one process; several PostgreSQL processes would need LISTEN/NOTIFY). */
export class LiveEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }
}
