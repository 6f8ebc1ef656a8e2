import type { BotMessage } from "../engine/types.js";
import type { Sender } from "./outbox.js";

type Listener = (event: { type: "message"; role: "agent" | "bot"; message: BotMessage }) => void;

/** Open web chat event streams by session; the outbox hands them what agents and the bot write. */
export class WebchatSessions {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly closers = new Set<() => void>();

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

  closeAll(): void {
    for (const close of [...this.closers]) close();
  }

  sender(): Sender {
    return async (message) => {
      const set = this.listeners.get(message.address);
      if (!set || set.size === 0) return false;
      const role = message.message.nodeId.startsWith("agent:") ? "agent" : "bot";
      for (const listener of set) listener({ type: "message", role, message: message.message });
      return true;
    };
  }
}
