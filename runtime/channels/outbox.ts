import { and, asc, eq, isNull, lte, or } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { BotMessage } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";

export interface OutboxMessage {
  id: number;
  conversationId: string;
  channel: string;
  address: string;
  message: BotMessage;
  /**
   * Keeps the row this process's for another lease, before a sender's next call to its provider: a
   * message of many parts, each up to a provider call's timeout, may take longer than one lease.
   * False when the row is no longer this process's (its lease ran out and another process took it
   * over): nothing more of it may be sent from here.
   */
  hold: () => Promise<boolean>;
}

/**
 * Delivers one message: true when the channel took it; false when no one listens now (a closed web
 * chat) and it waits for them without counting as a failure; `{ failed }` (or a throw) when the
 * channel refused it, which is retried with backoff and, in the end, shown to agents; `final` when a
 * retry cannot help (outside a provider's window, a refusal of the message itself): shown at once;
 * `taken over` when another process took the row over meanwhile (see `OutboxMessage.hold`), which
 * sends the rest.
 */
export type SendOutcome = boolean | "taken over" | { failed: string; final?: boolean };
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
  /** On PostgreSQL, how long a row taken stays this process's; {@link LEASE_MS} unless a test says. */
  leaseMs?: number;
  now?: () => number;
  random?: () => number;
}

export interface DeliveryFailure {
  outboxId: number;
  conversationId: string;
  attempts: number;
  error: string;
}

/** Conversations whose messages one process sends at once; the others wait for a place. */
const SENDING_AT_ONCE = 32;

/**
 * On PostgreSQL, how long a row a process took stays its own (its `nextAttemptAt` meanwhile): other
 * processes leave it alone, and take it over after that if the process died while sending it. Six
 * times a provider call's timeout; renewed before each further part of a message (see `OutboxMessage.hold`).
 */
const LEASE_MS = 60_000;

type OutboxRow = Omit<OutboxMessage, "message" | "hold"> & {
  message: string;
  attempts: number;
  nextAttemptAt: number | null;
};

/** What became of one row: sent (or given up on), so the conversation's next goes; or it waits. */
type RowOutcome = "done" | "waits";

/**
 * Sends what agents and the bot wrote outside a request's answer (agent replies, the bot after an
 * agent gives back, every bot message on a provider channel). Each conversation's messages go in
 * order, one at a time; conversations go side by side, so that a provider that hangs holds back only
 * its own conversation. No transaction or lock is held while a provider answers: on PostgreSQL a row
 * is taken for {@link LEASE_MS} by a conditional update, then marked sent once its channel took it.
 * Rows left unsent by a crash are sent at the next start (on PostgreSQL, once their lease is over).
 */
export class Outbox {
  private readonly senders = new Map<string, Sender>();
  private readonly unheard = new Map<string, (message: OutboxMessage) => void>();
  /** The conversations being sent now, by this process. */
  private readonly sending = new Set<string>();
  /** A round is asked for. */
  private asked = false;
  /** A round left a conversation due for later (being sent, or no place): the end of a send asks again. */
  private leftOver = false;
  private draining: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private dueAt: number | undefined;
  private stopped = false;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.leaseMs = options.leaseMs ?? LEASE_MS;
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

  /**
   * `unheard` is told of a message its sender found no one to take (`false`) once the row is due again,
   * never before: another process it wakes must find the row free to send, not still this one's.
   */
  register(channel: string, sender: Sender, unheard?: (message: OutboxMessage) => void): void {
    this.senders.set(channel, sender);
    if (unheard) this.unheard.set(channel, unheard);
  }

  /**
   * Asks for a delivery round; rounds never overlap, and a request during one triggers another.
   * Resolves once nothing is left to try now. Never rejects: a round that fails goes to
   * `onRoundFailed`, and its rows wait for the next.
   */
  flush(): Promise<void> {
    this.asked = true;
    this.wake?.();
    this.draining ??= this.drain();
    return this.draining;
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.asked) {
        this.asked = false;
        try {
          await this.round();
        } catch (error) {
          this.options.onRoundFailed(error);
        }
      } else if (this.sending.size > 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
      } else {
        this.draining = undefined;
        return;
      }
    }
  }

  /** Wakes the outbox when a row is due again; a timer of the shell, unref'd so it never holds the process. */
  private wakeAt(dueAt: number): void {
    if (this.stopped || (this.dueAt !== undefined && this.dueAt <= dueAt)) return;
    clearTimeout(this.timer);
    this.dueAt = dueAt;
    this.timer = setTimeout(
      () => {
        this.dueAt = undefined;
        void this.flush();
      },
      Math.max(0, dueAt - this.now()),
    );
    this.timer.unref();
  }

  /** Starts sending each conversation with a row due, in the order the rows were written. */
  private async round(): Promise<void> {
    const rows = await this.unsent();
    const byConversation = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const kept = byConversation.get(row.conversationId);
      if (kept) kept.push(row);
      else byConversation.set(row.conversationId, [row]);
    }
    const now = this.now();
    for (const [conversationId, waiting] of byConversation) {
      // Sent now by this process (its first row under this process's lease, on PostgreSQL): what was
      // written for it since goes once that send ends.
      if (this.sending.has(conversationId)) {
        this.leftOver = true;
        continue;
      }
      // Keep a conversation's messages in order: while its first one waits, the later ones wait too.
      const { nextAttemptAt } = waiting[0] as OutboxRow;
      if (nextAttemptAt !== null && nextAttemptAt > now) {
        this.wakeAt(nextAttemptAt);
        continue;
      }
      if (this.sending.size >= SENDING_AT_ONCE) {
        this.leftOver = true;
        continue;
      }
      this.sending.add(conversationId);
      void this.sendInOrder(conversationId, waiting)
        .catch((error) => this.options.onRoundFailed(error))
        .finally(() => {
          this.sending.delete(conversationId);
          if (this.leftOver) {
            this.leftOver = false;
            this.asked = true;
          }
          this.wake?.();
        });
    }
  }

  /** Sends a conversation's rows in order, then those written for it meanwhile (by any process), until one waits. */
  private async sendInOrder(conversationId: string, rows: readonly OutboxRow[]): Promise<void> {
    let waiting = rows;
    while (waiting.length > 0) {
      for (const row of waiting) if ((await this.sendOne(row)) === "waits") return;
      waiting = await this.unsent(conversationId);
    }
  }

  /** The rows neither sent nor given up on, of one conversation or of all, in the order they were written. */
  private unsent(conversationId?: string): Promise<OutboxRow[]> {
    const { outbox } = this.store.tables;
    return this.store.read((db) =>
      db
        .select()
        .from(outbox)
        .where(
          and(
            conversationId === undefined ? undefined : eq(outbox.conversationId, conversationId),
            isNull(outbox.sentAt),
            isNull(outbox.failedAt),
          ),
        )
        .orderBy(asc(outbox.id)),
    );
  }

  /**
   * Takes the row for this process: its attempts so far; `done` when it was sent or given up on
   * meanwhile (or erased); `elsewhere` when another process has it. On SQLite this process is the only
   * sender, and its `sending` map keeps it to one send at a time; on PostgreSQL a conditional update
   * takes it for {@link LEASE_MS}.
   */
  private async take(row: OutboxRow, now: number): Promise<{ attempts: number } | "done" | "elsewhere"> {
    const { outbox } = this.store.tables;
    const unsent = and(eq(outbox.id, row.id), isNull(outbox.sentAt), isNull(outbox.failedAt));
    if (this.store.dialect === "postgres") {
      const [taken] = await this.store.tx((db) =>
        db
          .update(outbox)
          .set({ nextAttemptAt: now + this.leaseMs })
          .where(and(unsent, or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now))))
          .returning({ attempts: outbox.attempts }),
      );
      if (taken) return taken;
    }
    const [current] = await this.store.read((db) =>
      db.select({ attempts: outbox.attempts, nextAttemptAt: outbox.nextAttemptAt }).from(outbox).where(unsent),
    );
    if (!current) return "done";
    if (this.store.dialect === "sqlite") return current;
    // Should the process that has it stop before it is sent, the row is due again when its lease ends.
    this.wakeAt(current.nextAttemptAt ?? now);
    return "elsewhere";
  }

  /**
   * Renews this process's lease on a row it took until `leaseEnd`: a conditional update that finds the
   * row only while its lease is still the one this process set. On SQLite the process is the only sender.
   */
  private holder(row: OutboxRow, leaseEnd: number): () => Promise<boolean> {
    const { outbox } = this.store.tables;
    let held = leaseEnd;
    return async () => {
      if (this.store.dialect !== "postgres") return true;
      const renewed = this.now() + this.leaseMs;
      const [kept] = await this.store.tx((db) =>
        db
          .update(outbox)
          .set({ nextAttemptAt: renewed })
          .where(
            and(eq(outbox.id, row.id), isNull(outbox.sentAt), isNull(outbox.failedAt), eq(outbox.nextAttemptAt, held)),
          )
          .returning({ id: outbox.id }),
      );
      if (kept) held = renewed;
      return kept !== undefined;
    };
  }

  private async sendOne(row: OutboxRow): Promise<RowOutcome> {
    const { outbox } = this.store.tables;
    const takenAt = this.now();
    const taken = await this.take(row, takenAt);
    if (taken === "done") return "done";
    if (taken === "elsewhere") return "waits";
    const sender = this.senders.get(row.channel);
    const message: OutboxMessage = {
      ...row,
      message: readJson(BotMessage, row.message, { table: "outbox", column: "message", id: row.id }),
      hold: this.holder(row, takenAt + this.leaseMs),
    };
    let result: SendOutcome;
    try {
      result = sender ? await sender(message) : { failed: `No sender for the channel ${row.channel}.` };
    } catch (error) {
      result = { failed: error instanceof Error ? error.message : String(error) };
    }
    // Another process has the row now and sends the rest: it is left as that process keeps it.
    if (result === "taken over") return "waits";
    const now = this.now();
    if (result === true) {
      await this.store.tx((db) => db.update(outbox).set({ sentAt: now }).where(eq(outbox.id, row.id)));
      this.options.onSent?.({ outboxId: row.id, conversationId: row.conversationId });
      return "done";
    }
    if (result === false) {
      // No one listens now: the row waits for them, as it was before it was taken.
      if (this.store.dialect === "postgres") {
        await this.store.tx((db) =>
          db.update(outbox).set({ nextAttemptAt: row.nextAttemptAt }).where(eq(outbox.id, row.id)),
        );
      }
      this.unheard.get(row.channel)?.(message);
      return "waits";
    }
    const attempts = taken.attempts + 1;
    const givesUp = result.final === true || attempts >= this.options.maxAttempts;
    const nextAttemptAt = givesUp ? null : now + this.retryDelay(attempts);
    this.log.warn({ outboxId: row.id, channel: row.channel, attempts, error: result.failed }, "outbox send failed");
    await this.store.tx((db) =>
      db
        .update(outbox)
        .set({ attempts, lastError: result.failed, nextAttemptAt, failedAt: givesUp ? now : null })
        .where(eq(outbox.id, row.id)),
    );
    if (nextAttemptAt !== null) {
      this.wakeAt(nextAttemptAt);
      return "waits";
    }
    this.options.onGiveUp({ outboxId: row.id, conversationId: row.conversationId, attempts, error: result.failed });
    return "done";
  }
}
