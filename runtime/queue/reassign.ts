import { and, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { TranscriptEvent } from "../../schema/api/handoff.js";
import type { User } from "../../schema/api/index.js";
import { getMember } from "../auth/team.js";
import { roleAtLeast } from "../auth/users.js";
import { firstName, writeNotice } from "../channels/customer-notices.js";
import type { Outbox } from "../channels/outbox.js";
import type { LiveEvents } from "../conversation/live-events.js";
import { loadQueues } from "../conversation/queues.js";
import { systemEntry } from "../conversation/system-entry.js";
import { DomainError } from "../domain-error.js";
import type { Store } from "../store/db.js";
import { loadRouting } from "./routing-settings.js";

/** What moving a conversation works with. */
export interface MoveDeps {
  store: Store;
  live: LiveEvents;
  outbox: Pick<Outbox, "flush">;
}

/**
 * Where a supervisor (or an admin) moves a conversation: to a person (themselves: a takeover) or
 * back to its queue. `expected` is who they saw holding it (null: nobody, it was waiting), so that of
 * two supervisors moving the same case at once, the second is told instead of silently undoing the first.
 */
export interface Move {
  conversationId: string;
  expected: string | null;
  to: string | null;
  /** Gives it to the person even beyond their capacity in the queue: the supervisor's explicit choice. */
  force?: boolean;
}

/** Locks the person the case goes to, so that moves and automatic assignments to them count their load in turn. */
async function lockPerson(db: Parameters<Parameters<Store["tx"]>[0]>[0], store: Store, userId: string, now: number) {
  const { agentPresence, users } = store.tables;
  // Automatic assignment locks the presence row; a person without one is never given cases automatically,
  // and the users row orders the supervisors' moves to them.
  await db.update(agentPresence).set({ lastAssignedAt: now }).where(eq(agentPresence.userId, userId));
  await db
    .update(users)
    .set({ name: sql`${users.name}` })
    .where(eq(users.id, userId));
}

/** Takes over, reassigns or returns to the queue any open conversation with a person, with a transcript line. */
export async function moveConversation(deps: MoveDeps, by: User, move: Move) {
  const { conversations, handoffs, messages, users } = deps.store.tables;
  const target = move.to ? await assignable(deps, move.to) : undefined;
  const [queues, routing] = await Promise.all([loadQueues(deps.store), loadRouting(deps.store)]);
  const now = Date.now();
  const moved = await deps.store.tx(async (db) => {
    const [row] = await db.select().from(conversations).where(eq(conversations.id, move.conversationId));
    if (!row)
      throw new DomainError("notFound", "UNKNOWN_CONVERSATION", `There is no conversation ${move.conversationId}.`);
    const [handoff] = await db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.conversationId, row.id), isNull(handoffs.closedAt)));
    if (!handoff || (row.status !== "agent" && row.status !== "queued")) {
      throw new DomainError(
        "conflict",
        "NOT_WITH_PEOPLE",
        row.status === "closed"
          ? "This conversation is closed; nothing to move."
          : "This conversation is with the bot, not waiting for or held by a person; nothing to move.",
      );
    }
    if (target && target.queues.length > 0 && !target.queues.includes(handoff.queue)) {
      throw new DomainError(
        "invalid",
        "NOT_THEIR_QUEUE",
        `${target.name} works the queues ${target.queues.join(", ")}, not \`${handoff.queue}\`; add it to their queues first.`,
      );
    }
    const holder = row.status === "agent" ? row.assignedTo : null;
    if (holder !== move.expected) return { conflict: true as const };
    if (move.to === holder) {
      throw new DomainError("conflict", "ALREADY_THERE", "The conversation is already where you want it.");
    }
    // A takeover is the supervisor's own hand and never refused; giving it to someone else respects their room.
    if (target && move.to !== by.id && !move.force) {
      await lockPerson(db, deps.store, target.id, now);
      const capacity = routing.get(handoff.queue)?.capacity ?? Number.POSITIVE_INFINITY;
      const [held] = await db
        .select({ n: count() })
        .from(handoffs)
        .where(and(eq(handoffs.claimedBy, target.id), isNull(handoffs.closedAt), ne(handoffs.id, handoff.id)));
      const holding = Number(held?.n ?? 0);
      if (holding >= capacity) {
        throw new DomainError(
          "conflict",
          "AGENT_FULL",
          `${target.name} already holds ${holding} conversations and the queue \`${handoff.queue}\` allows ${capacity} at once; give it to someone with room, wait until they finish one, or send \`force: true\` to give it all the same.`,
          undefined,
          { full: { name: target.name, holding, capacity, queue: handoff.queue } },
        );
      }
    }
    const changed = await db
      .update(conversations)
      .set({ status: move.to ? "agent" : "queued", assignedTo: move.to, updatedAt: now })
      .where(
        and(
          eq(conversations.id, row.id),
          inArray(conversations.status, ["agent", "queued"]),
          move.expected === null ? isNull(conversations.assignedTo) : eq(conversations.assignedTo, move.expected),
        ),
      )
      .returning({ id: conversations.id });
    if (changed.length === 0) return { conflict: true as const };
    await db
      .update(handoffs)
      .set(move.to ? { claimedBy: move.to, claimedAt: handoff.claimedAt ?? now } : { claimedBy: null, claimedAt: null })
      .where(eq(handoffs.id, handoff.id));
    const [previous] = holder ? await db.select({ name: users.name }).from(users).where(eq(users.id, holder)) : [];
    const from = previous?.name ?? null;
    const event: TranscriptEvent = !move.to
      ? { event: "requeued", params: { by: by.name, from, queue: handoff.queue } }
      : move.to === by.id
        ? { event: "takenOver", params: { by: by.name, from } }
        : { event: "reassigned", params: { by: by.name, from, to: target?.name ?? "?" } };
    await db.insert(messages).values(systemEntry(row.id, event, now));
    // The customer is told whenever the person they talk to changes, as when an agent claims or transfers.
    if (target) {
      await writeNotice(db, deps.store.tables, row.id, "claimed", { agent: firstName(target.name) }, now);
    } else if (holder) {
      const queue = queues.get(handoff.queue);
      await writeNotice(db, deps.store.tables, row.id, "transferred", { queue: queue?.name ?? handoff.queue }, now);
    }
    return { conflict: false as const, queue: handoff.queue, from: holder, priority: handoff.priority };
  });
  if (moved.conflict) throw await movedMeanwhile(deps, move.conversationId);
  void deps.outbox.flush();
  deps.live.publish({
    type: "conversation.reassigned",
    conversationId: move.conversationId,
    queue: moved.queue,
    from: moved.from,
    to: move.to,
  });
  if (!move.to) {
    deps.live.publish({
      type: "handoff.created",
      conversationId: move.conversationId,
      queue: moved.queue,
      priority: moved.priority,
    });
  }
}

/** The person a conversation may be given to: an open account that works conversations. */
async function assignable(deps: Pick<MoveDeps, "store">, userId: string) {
  const member = await getMember(deps.store, userId);
  if (!member || member.disabled || !roleAtLeast(member.role, "agent")) {
    throw new DomainError(
      "invalid",
      "UNKNOWN_AGENT",
      member
        ? `${member.name}'s account is closed; give the conversation to someone who is at work.`
        : `There is no person ${userId} in the team.`,
    );
  }
  return member;
}

async function movedMeanwhile(deps: Pick<MoveDeps, "store">, conversationId: string) {
  const { conversations } = deps.store.tables;
  const [row] = await deps.store.read((db) =>
    db
      .select({ status: conversations.status, assignedTo: conversations.assignedTo })
      .from(conversations)
      .where(eq(conversations.id, conversationId)),
  );
  const now = row?.status === "agent" && row.assignedTo ? await getMember(deps.store, row.assignedTo) : undefined;
  return new DomainError(
    "conflict",
    "MOVED_MEANWHILE",
    `Someone moved this conversation meanwhile: ${
      now
        ? `${now.name} has it now`
        : row?.status === "queued"
          ? "it is waiting in its queue now"
          : row?.status === "closed"
            ? "it is closed now"
            : "it is back with the bot now"
    }. Look again before moving it.`,
    undefined,
    { holder: now ? { id: now.id, name: now.name } : null },
  );
}
