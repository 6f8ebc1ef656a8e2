import { and, eq, inArray, isNull } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { TranscriptEvent } from "../../schema/transcript-event.js";
import { getMember } from "../auth/team.js";
import { roleAtLeast, type User } from "../auth/users.js";
import { ApiError } from "../plugins/errors.js";
import { eventLine } from "./transcript-events.js";

/**
 * Where a supervisor (or an admin) moves a conversation: to a person (themselves: a takeover) or
 * back to its queue. `expected` is who they saw holding it (null: nobody, it was waiting), so that of
 * two supervisors moving the same case at once, the second is told instead of silently undoing the first.
 */
export interface Move {
  conversationId: string;
  expected: string | null;
  to: string | null;
}

/** Takes over, reassigns or returns to the queue any open conversation with a person, with a transcript line. */
export async function moveConversation(app: FastifyInstance, by: User, move: Move) {
  const { conversations, handoffs, messages, users } = app.store.tables;
  const target = move.to ? await assignable(app, move.to) : undefined;
  const now = Date.now();
  const moved = await app.store.tx(async (db) => {
    const [row] = await db.select().from(conversations).where(eq(conversations.id, move.conversationId));
    if (!row) throw new ApiError(404, "UNKNOWN_CONVERSATION", `There is no conversation ${move.conversationId}.`);
    const [handoff] = await db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.conversationId, row.id), isNull(handoffs.closedAt)));
    if (!handoff || (row.status !== "agent" && row.status !== "queued")) {
      throw new ApiError(
        409,
        "NOT_WITH_PEOPLE",
        row.status === "closed"
          ? "This conversation is closed; nothing to move."
          : "This conversation is with the bot, not waiting for or held by a person; nothing to move.",
      );
    }
    if (target && target.queues.length > 0 && !target.queues.includes(handoff.queue)) {
      throw new ApiError(
        400,
        "NOT_THEIR_QUEUE",
        `${target.name} works the queues ${target.queues.join(", ")}, not \`${handoff.queue}\`; add it to their queues first.`,
      );
    }
    const holder = row.status === "agent" ? row.assignedTo : null;
    if (holder !== move.expected) return { conflict: true as const };
    if (move.to === holder) {
      throw new ApiError(409, "ALREADY_THERE", "The conversation is already where you want it.");
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
      ? { kind: "requeue", by: by.name, from, queue: handoff.queue }
      : move.to === by.id
        ? { kind: "takeover", by: by.name, from }
        : { kind: "reassign", by: by.name, from, to: target?.name ?? "?" };
    await db.insert(messages).values(eventLine(row.id, event, now));
    return { conflict: false as const, queue: handoff.queue, from: holder, priority: handoff.priority };
  });
  if (moved.conflict) throw await movedMeanwhile(app, move.conversationId);
  app.live.publish({
    type: "conversation.reassigned",
    conversationId: move.conversationId,
    queue: moved.queue,
    from: moved.from,
    to: move.to,
  });
  if (!move.to) {
    app.live.publish({
      type: "handoff.created",
      conversationId: move.conversationId,
      queue: moved.queue,
      priority: moved.priority,
    });
  }
}

/** The person a conversation may be given to: an open account that works conversations. */
async function assignable(app: FastifyInstance, userId: string) {
  const member = await getMember(app.store, userId);
  if (!member || member.disabled || !roleAtLeast(member.role, "agent")) {
    throw new ApiError(
      400,
      "UNKNOWN_AGENT",
      member
        ? `${member.name}'s account is closed; give the conversation to someone who is at work.`
        : `There is no person ${userId} in the team.`,
    );
  }
  return member;
}

async function movedMeanwhile(app: FastifyInstance, conversationId: string) {
  const { conversations } = app.store.tables;
  const [row] = await app.store.read((db) =>
    db
      .select({ status: conversations.status, assignedTo: conversations.assignedTo })
      .from(conversations)
      .where(eq(conversations.id, conversationId)),
  );
  const now = row?.status === "agent" && row.assignedTo ? await getMember(app.store, row.assignedTo) : undefined;
  return new ApiError(
    409,
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
