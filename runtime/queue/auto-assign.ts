import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { type LiveEvent, PRESENCE_WINDOW_MS } from "../../schema/api/index.js";
import { firstName, writeNotice } from "../channels/customer-notices.js";
import type { Outbox } from "../channels/outbox.js";
import type { LiveEvents } from "../conversation/live-events.js";
import type { Metrics } from "../plugins/metrics.js";
import type { Store } from "../store/db.js";
import { type AtWork, peopleAtWork, worksQueue } from "./presence.js";
import { loadRouting } from "./routing-settings.js";

export interface AutoAssignDeps {
  store: Store;
  live: LiveEvents;
  outbox: Pick<Outbox, "flush">;
  metrics: Metrics;
  onError: (error: unknown) => void;
}

/** Events after which someone may have room or a case may wait: a new case, or a person freed. */
const WAKING: LiveEvent["type"][] = [
  "handoff.created",
  "conversation.transferred",
  "conversation.reassigned",
  "conversation.closed",
];

/** What came of one try to give a case to a person. */
type Outcome = "assigned" | "full" | "gone";

/**
 * Automatic assignment in the queues set to it: the most urgent, oldest waiting case goes to an
 * available person of the queue with room for it (the least loaded first, then whoever waited
 * longest since their last case). Every process runs it; the database decides: a person's presence
 * row is locked while their load is counted, and a case is taken only while still unclaimed.
 */
export class AutoAssigner {
  private running: Promise<void> | undefined;
  private again = false;
  private unsubscribe = () => {};
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: AutoAssignDeps) {}

  /** Listens for new cases and freed people, and looks again now and then (people come back or go quiet unannounced). */
  start(everyMs: number): void {
    this.unsubscribe = this.deps.live.subscribe((event) => {
      if (WAKING.includes(event.type)) this.wake();
    });
    this.timer = setInterval(() => this.wake(), everyMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    clearInterval(this.timer);
    this.again = false;
    await this.running;
  }

  /** Runs a round now, or once more after the one in progress. */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.round().catch(this.deps.onError);
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /**
   * One pass over the automatic queues; how many cases it gave out. `now` is when it reads who is at
   * work; each case given checks the person again as it is given.
   */
  async round(now = Date.now()): Promise<number> {
    const automatic = [...(await loadRouting(this.deps.store)).values()].filter((r) => r.mode === "automatic");
    if (automatic.length === 0) return 0;
    const people = await peopleAtWork(this.deps.store, now);
    let given = 0;
    for (const routing of automatic) {
      const waiting = await this.waiting(routing.queueId);
      for (const handoff of waiting) {
        const candidates = people
          .filter((p) => p.presence === "available" && worksQueue(p, routing.queueId) && p.load < routing.capacity)
          .sort((a, b) => a.load - b.load || a.lastAssignedAt - b.lastAssignedAt);
        if (candidates.length === 0) break;
        for (const person of candidates) {
          const outcome = await this.give(handoff.id, person, routing.capacity);
          if (outcome === "assigned") {
            given++;
            person.load++;
            person.lastAssignedAt = Date.now();
            break;
          }
          if (outcome === "gone") break;
          // Full (another process gave them a case meanwhile) or no longer available: pass them by.
          person.load = routing.capacity;
        }
      }
    }
    return given;
  }

  private waiting(queueId: string) {
    const { handoffs } = this.deps.store.tables;
    return this.deps.store.read((db) =>
      db
        .select({ id: handoffs.id })
        .from(handoffs)
        .where(and(eq(handoffs.queue, queueId), isNull(handoffs.claimedBy), isNull(handoffs.closedAt)))
        .orderBy(asc(handoffs.rank), asc(handoffs.createdAt))
        .limit(100),
    );
  }

  /**
   * Gives one case to one person, in one transaction. Touching their presence row first locks it
   * (PostgreSQL waits there for any other assignment to them to commit), so the load counted next
   * includes every case given to them before; the case is taken only while unclaimed and while
   * that load is under the queue's capacity. The row must still say available and seen lately, so
   * that a person another process found online a moment ago is not given a case after going quiet.
   */
  private async give(handoffId: string, person: AtWork, capacity: number): Promise<Outcome> {
    const { agentPresence, credentials, handoffs, conversations } = this.deps.store.tables;
    const now = Date.now();
    const result = await this.deps.store.tx(async (db) => {
      const [present] = await db
        .update(agentPresence)
        .set({ lastAssignedAt: now })
        .where(
          and(
            eq(agentPresence.userId, person.id),
            eq(agentPresence.status, "available"),
            gt(agentPresence.seenAt, now - PRESENCE_WINDOW_MS),
          ),
        )
        .returning({ userId: agentPresence.userId });
      const [session] = present
        ? await db
            .select({ userId: credentials.userId })
            .from(credentials)
            .where(
              and(eq(credentials.userId, person.id), eq(credentials.kind, "session"), gt(credentials.expiresAt, now)),
            )
            .limit(1)
        : [];
      if (!session) return { outcome: "full" as const };
      const [taken] = await db
        .update(handoffs)
        .set({ claimedBy: person.id, claimedAt: now })
        .where(
          and(
            eq(handoffs.id, handoffId),
            isNull(handoffs.claimedBy),
            isNull(handoffs.closedAt),
            sql`(select count(*) from handoffs held where held.claimed_by = ${person.id} and held.closed_at is null) < ${capacity}`,
          ),
        )
        .returning();
      if (!taken) {
        const [still] = await db
          .select({ id: handoffs.id })
          .from(handoffs)
          .where(and(eq(handoffs.id, handoffId), isNull(handoffs.claimedBy), isNull(handoffs.closedAt)));
        return { outcome: still ? ("full" as const) : ("gone" as const) };
      }
      await db
        .update(conversations)
        .set({ status: "agent", assignedTo: person.id, updatedAt: now })
        .where(and(eq(conversations.id, taken.conversationId), inArray(conversations.status, ["queued", "agent"])));
      await writeNotice(
        db,
        this.deps.store.tables,
        taken.conversationId,
        "claimed",
        { agent: firstName(person.name) },
        now,
      );
      return { outcome: "assigned" as const, taken };
    });
    if (result.outcome !== "assigned") return result.outcome;
    const { taken } = result;
    this.deps.metrics.queueWait.observe({ queue: taken.queue }, (now - taken.createdAt) / 1000);
    this.deps.live.publish({ type: "conversation.claimed", conversationId: taken.conversationId, agentId: person.id });
    void this.deps.outbox.flush();
    return "assigned";
  }
}
