import { and, isNotNull, isNull } from "drizzle-orm";
import { listMembers } from "../auth/team.js";
import { roleAtLeast } from "../auth/users.js";
import type { Store } from "../store/db.js";

/** The floor as a supervisor sees it: each person at work and what they hold, for how long. */
export async function floorView(store: Store, now = Date.now()) {
  const { handoffs } = store.tables;
  const held = await store.read((db) =>
    db
      .select({
        conversationId: handoffs.conversationId,
        queue: handoffs.queue,
        priority: handoffs.priority,
        agentId: handoffs.claimedBy,
        claimedAt: handoffs.claimedAt,
        createdAt: handoffs.createdAt,
        slaDueAt: handoffs.slaDueAt,
      })
      .from(handoffs)
      .where(and(isNotNull(handoffs.claimedBy), isNull(handoffs.closedAt))),
  );
  const members = (await listMembers(store)).filter((member) => !member.disabled && roleAtLeast(member.role, "agent"));
  return {
    at: new Date(now).toISOString(),
    people: members.map((member) => ({
      id: member.id,
      name: member.name,
      role: member.role,
      queues: member.queues,
      holding: held
        .filter((row) => row.agentId === member.id)
        .sort((a, b) => (a.claimedAt ?? 0) - (b.claimedAt ?? 0))
        .map((row) => ({
          conversationId: row.conversationId,
          queue: row.queue,
          priority: row.priority,
          heldSeconds: Math.round((now - (row.claimedAt ?? now)) / 1000),
          waitedSeconds: Math.round(((row.claimedAt ?? now) - row.createdAt) / 1000),
        })),
    })),
  };
}
