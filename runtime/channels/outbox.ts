import { and, asc, eq, isNull } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { BotMessage } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { Mutex } from "../store/mutex.js";

export interface OutboxMessage {
  id: number;
  conversationId: string;
  channel: string;
  address: string;
  message: BotMessage;
}

/**
 * Delivers one message: true when the channel took it; false when no one listens now (a closed web
 * chat) and it waits for them without counting as a failure; `{ failed }` (or a throw) when the
 * channel refused it, which is retried with backoff and, in the end, shown to agents; `final` when a
 * retry cannot help (outside a provider's window, a refusal of the message itself): shown at once.
 */
export type SendOutcome = boolean | { failed: string; final?: boolean };
export type Sender = (message: OutboxMessage) => Promise<SendOutcome>;

export interface OutboxOptions {
  /** The first retry waits about this long; each next one twice as long, with jitter. */
  baseDelayMs: number;
  /** Sends tried in all before the outbox gives up on a message. */
  maxAttempts: number;
  /** Told when the outbox gives up on a message, after the row says so. */
  onGiveUp: (failure: DeliveryFailure) => void;
  /** Told when a channel took a message, after the row says so. */
  onSent?: (sent: { outboxId: number; conversationId: string }) => void;
  /** Told when a round fails as a whole (the database out of reach): the rows wait for the next round. */
  onRoundFailed: (error: unknown) => void;
  now?: () => number;
  random?: () => number;
}

export interface DeliveryFailure {
  outboxId: number;
  conversationId: string;
  attempts: number;
  error: string;
}

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
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Stops the retry timer (at shutdown); rows left unsent are sent at the next start. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The wait before retry number `attempts`: `base × 2^(attempts−1)`, between half and all of it. */
  retryDelay(attempts: number): number {
    const full = this.options.baseDelayMs * 2 ** (attempts - 1);
    return Math.round(full / 2 + (full / 2) * this.random());
  }

  register(channel: string, sender: Sender): void {
    this.senders.set(channel, sender);
  }

  /**
   * Asks for a delivery round; rounds never overlap, and a request during one triggers another. Never
   * rejects: a round that fails goes to `onRoundFailed`, and its rows wait for the next.
   */
  flush(): Promise<void> {
    this.again = true;
    if (!this.running) {
      this.running = this.mutex.run(async () => {
        while (this.again) {
          this.again = false;
          try {
            await this.round();
          } catch (error) {
            this.options.onRoundFailed(error);
          }
        }
      });
      void this.running.finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Wakes the outbox when the next retry is due; a timer of the shell, unref'd so it never holds the process. */
  private schedule(dueAt: number | undefined): void {
    clearTimeout(this.timer);
    if (dueAt === undefined || this.stopped) return;
    this.timer = setTimeout(() => void this.flush(), Math.max(0, dueAt - this.now()));
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const { outbox } = this.store.tables;
    const rows = await this.store.read((db) =>
      db
        .select()
        .from(outbox)
        .where(and(isNull(outbox.sentAt), isNull(outbox.failedAt)))
        .orderBy(asc(outbox.id)),
    );
    const blocked = new Set<string>();
    let nextDue: number | undefined;
    for (const row of rows) {
      // Keep a conversation's messages in order: once one waits, the later ones wait too.
      if (blocked.has(row.conversationId)) continue;
      if (row.nextAttemptAt !== null && row.nextAttemptAt > this.now()) {
        nextDue = Math.min(nextDue ?? row.nextAttemptAt, row.nextAttemptAt);
        blocked.add(row.conversationId);
        continue;
      }
      const sender = this.senders.get(row.channel);
      const message: OutboxMessage = {
        ...row,
        message: readJson(BotMessage, row.message, { table: "outbox", column: "message", id: row.id }),
      };
      // With several processes, another one may be sending this row right now: hold the
      // conversation's lock, look again, and send only what is still unsent.
      const outcome = await this.store.exclusive(`outbox:${row.conversationId}`, async () => {
        const [current] = await this.store.read((db) =>
          db
            .select({ sentAt: outbox.sentAt, failedAt: outbox.failedAt, attempts: outbox.attempts })
            .from(outbox)
            .where(eq(outbox.id, row.id)),
        );
        if (current?.sentAt || current?.failedAt) return { done: true as const };
        let result: SendOutcome;
        try {
          result = sender ? await sender(message) : { failed: `No sender for the channel ${row.channel}.` };
        } catch (error) {
          result = { failed: error instanceof Error ? error.message : String(error) };
        }
        const now = this.now();
        if (result === true) {
          await this.store.tx((db) => db.update(outbox).set({ sentAt: now }).where(eq(outbox.id, row.id)));
          this.store.afterCommit(() => this.options.onSent?.({ outboxId: row.id, conversationId: row.conversationId }));
          return { done: true as const };
        }
        if (result === false) return { done: false as const };
        const attempts = (current?.attempts ?? row.attempts) + 1;
        const givesUp = result.final === true || attempts >= this.options.maxAttempts;
        const nextAttemptAt = givesUp ? null : now + this.retryDelay(attempts);
        this.log.warn({ outboxId: row.id, channel: row.channel, attempts, error: result.failed }, "outbox send failed");
        await this.store.tx((db) =>
          db
            .update(outbox)
            .set({ attempts, lastError: result.failed, nextAttemptAt, failedAt: givesUp ? now : null })
            .where(eq(outbox.id, row.id)),
        );
        if (givesUp) {
          this.store.afterCommit(() =>
            this.options.onGiveUp({
              outboxId: row.id,
              conversationId: row.conversationId,
              attempts,
              error: result.failed,
            }),
          );
          return { done: true as const };
        }
        return { done: false as const, nextAttemptAt: nextAttemptAt ?? undefined };
      });
      if (!outcome.done) {
        blocked.add(row.conversationId);
        if (outcome.nextAttemptAt !== undefined)
          nextDue = Math.min(nextDue ?? outcome.nextAttemptAt, outcome.nextAttemptAt);
      }
    }
    this.schedule(nextDue);
  }
}
