import { asc, eq, isNull } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { BotMessage } from "../engine/types.js";
import type { Store } from "../store/db.js";
import { Mutex } from "../store/mutex.js";

export interface OutboxMessage {
  id: number;
  conversationId: string;
  channel: string;
  address: string;
  message: BotMessage;
}

/** Delivers one message; false when it cannot now (no one listening, provider down) and should wait. */
export type Sender = (message: OutboxMessage) => Promise<boolean>;

/**
 * Sends what agents and the bot wrote outside a request's answer (agent replies, the bot after
 * an agent gives back). Rows are marked sent right after their channel took them; rows left
 * unsent by a crash are sent at the next start.
 */
export class Outbox {
  private readonly senders = new Map<string, Sender>();
  private readonly mutex = new Mutex();
  private again = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
  ) {}

  register(channel: string, sender: Sender): void {
    this.senders.set(channel, sender);
  }

  /** Asks for a delivery round; rounds never overlap, and a request during one triggers another. */
  flush(): Promise<void> {
    this.again = true;
    if (!this.running) {
      this.running = this.mutex.run(async () => {
        while (this.again) {
          this.again = false;
          await this.round();
        }
      });
      void this.running.finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  private async round(): Promise<void> {
    const { outbox } = this.store.tables;
    const rows = await this.store.read((db) =>
      db.select().from(outbox).where(isNull(outbox.sentAt)).orderBy(asc(outbox.id)),
    );
    const blocked = new Set<string>();
    for (const row of rows) {
      // Keep a conversation's messages in order: once one waits, the later ones wait too.
      if (blocked.has(row.conversationId)) continue;
      const sender = this.senders.get(row.channel);
      const message: OutboxMessage = { ...row, message: JSON.parse(row.message) as BotMessage };
      // With several processes, another one may be sending this row right now: hold the
      // conversation's lock, look again, and send only what is still unsent.
      const sent = await this.store.exclusive(`outbox:${row.conversationId}`, async () => {
        const [current] = await this.store.read((db) =>
          db.select({ sentAt: outbox.sentAt }).from(outbox).where(eq(outbox.id, row.id)),
        );
        if (current?.sentAt) return true;
        let delivered = false;
        try {
          delivered = sender ? await sender(message) : false;
        } catch (error) {
          this.log.warn({ outboxId: row.id, channel: row.channel, error: String(error) }, "outbox send failed");
        }
        if (delivered) {
          await this.store.tx((db) => db.update(outbox).set({ sentAt: Date.now() }).where(eq(outbox.id, row.id)));
        }
        return delivered;
      });
      if (!sent) blocked.add(row.conversationId);
    }
  }
}
