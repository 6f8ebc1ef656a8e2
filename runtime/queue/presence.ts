import { and, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import type { Member, Presence, PresenceChoice, PresenceOf } from "../../schema/api/index.js";
import { listMembers } from "../auth/team.js";
import { roleAtLeast } from "../auth/users.js";
import type { Store } from "../store/db.js";

/** A person who works conversations, with what others see of them now. */
export interface AtWork extends Member, PresenceOf {
  /** When automatic assignment last gave them a case (0: never), so that people with equal loads take turns. */
  lastAssignedAt: number;
}

/** Records what a person says: available or away. */
export async function choosePresence(store: Store, userId: string, status: PresenceChoice, now = Date.now()) {
  const { agentPresence } = store.tables;
  await store.tx((db) =>
    db
      .insert(agentPresence)
      .values({ userId, status, updatedAt: now })
      .onConflictDoUpdate({ target: agentPresence.userId, set: { status, updatedAt: now } }),
  );
}

/**
 * Everyone who works conversations (open accounts, agents and above), with their presence and load.
 * Their choice counts while they have a live browser session; without one they are offline. Nobody
 * is available before they said so.
 */
export async function peopleAtWork(store: Store, now = Date.now()): Promise<AtWork[]> {
  const { agentPresence, credentials, handoffs } = store.tables;
  const [members, chosen, sessions, loads] = await Promise.all([
    listMembers(store),
    store.read((db) => db.select().from(agentPresence)),
    store.read((db) =>
      db
        .selectDistinct({ userId: credentials.userId })
        .from(credentials)
        .where(and(eq(credentials.kind, "session"), gt(credentials.expiresAt, now))),
    ),
    store.read((db) =>
      db
        .select({ userId: handoffs.claimedBy, count: count() })
        .from(handoffs)
        .where(and(isNotNull(handoffs.claimedBy), isNull(handoffs.closedAt)))
        .groupBy(handoffs.claimedBy),
    ),
  ]);
  const online = new Set(sessions.map((row) => row.userId));
  return members
    .filter((member) => !member.disabled && roleAtLeast(member.role, "agent"))
    .map((member) => {
      const row = chosen.find((choice) => choice.userId === member.id);
      const presence: Presence = online.has(member.id) ? ((row?.status as PresenceChoice) ?? "away") : "offline";
      return {
        ...member,
        userId: member.id,
        presence,
        load: Number(loads.find((load) => load.userId === member.id)?.count ?? 0),
        lastAssignedAt: row?.lastAssignedAt ?? 0,
      };
    });
}

/** Whether the person works the queue: those given no queues work them all. */
export const worksQueue = (person: Pick<Member, "queues">, queueId: string) =>
  person.queues.length === 0 || person.queues.includes(queueId);
