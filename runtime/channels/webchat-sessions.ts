import type { WebchatEvent } from "../../schema/api/index.js";
import type { Bus } from "../store/bus.js";
import type { Sender } from "./outbox.js";

type Listener = (event: WebchatEvent) => void;

/** On the bus: a process has a message for a session it has no stream for. */
const TOPIC = "webchat.waiting";

/**
 * Open web chat event streams by session; the outbox hands them what agents and the bot write.
 * With several processes, the stream may be open on another one than the agent's: once the outbox
 * has made the row due again, this process says so on the bus, and the process holding the stream
 * delivers from the outbox itself.
 */
export class WebchatSessions {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly bus: Bus,
    /** Asks this process's outbox for a delivery round. */
    wake: () => void,
  ) {
    this.unsubscribe = bus.subscribe(TOPIC, (payload) => {
      if (this.listeners.has((payload as { address: string }).address)) wake();
    });
  }

  listen(address: string, listener: Listener, close: () => void): () => void {
    const set = this.listeners.get(address) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(address, set);
    this.closers.add(close);
    return () => {
      set.delete(listener);
      this.closers.delete(close);
      if (set.size === 0) this.listeners.delete(address);
    };
  }

  /** Tells the other processes that a message waits for a session this one has no stream for. */
  unheard(address: string): void {
    this.bus.publish(TOPIC, { address });
  }

  closeAll(): void {
    this.unsubscribe();
    for (const close of [...this.closers]) close();
  }

  /** Delivers to this process's streams of the session; `false` when it has none (see `unheard`). */
  sender(): Sender {
    return async (message) => {
      const set = this.listeners.get(message.address);
      if (!set || set.size === 0) return false;
      const role = message.message.nodeId.startsWith("agent:") ? "agent" : "bot";
      for (const listener of set) listener({ type: "message", id: message.id, role, message: message.message });
      return true;
    };
  }
}
