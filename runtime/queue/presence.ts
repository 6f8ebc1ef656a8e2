import { and, count, eq, gt, isNotNull, isNull } from "drizzle-orm";
import {
  type Member,
  PRESENCE_WINDOW_MS,
  type Presence,
  type PresenceChoice,
  type PresenceOf,
} from "../../schema/api/index.js";
import { listMembers } from "../auth/team.js";
import { roleAtLeast } from "../auth/users.js";
import type { Store } from "../store/db.js";

/** A person who works conversations, with what others see of them now. */
export interface AtWork extends Member, PresenceOf {
  /** When automatic assignment last gave them a case (0: never), so that people with equal loads take turns. */
  lastAssignedAt: number;
}

/** Records what a person says: available or away. Saying it is a sign they are there. */
export async function choosePresence(store: Store, userId: string, status: PresenceChoice, now = Date.now()) {
  const { agentPresence } = store.tables;
  await store.tx((db) =>
    db
      .insert(agentPresence)
      .values({ userId, status, updatedAt: now, seenAt: now })
      .onConflictDoUpdate({ target: agentPresence.userId, set: { status, updatedAt: now, seenAt: now } }),
  );
}

/**
 * Records that the person is there now: their console opened its live events, or says so every
 * `PRESENCE_HEARTBEAT_MS`. Someone seen before choosing is away: nobody is available before they said so.
 */
export async function markSeen(store: Store, userId: string, now = Date.now()) {
  const { agentPresence } = store.tables;
  await store.tx((db) =>
    db
      .insert(agentPresence)
      .values({ userId, status: "away", updatedAt: now, seenAt: now })
      .onConflictDoUpdate({ target: agentPresence.userId, set: { seenAt: now } }),
  );
}

/**
 * Everyone who works conversations (open accounts, agents and above), with their presence and load.
 * Their choice counts while they are online: a live browser session, and seen within
 * `PRESENCE_WINDOW_MS` (a console's heartbeat, or their presence set). Otherwise they are offline.
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
  const signedIn = new Set(sessions.map((row) => row.userId));
  return members
    .filter((member) => !member.disabled && roleAtLeast(member.role, "agent"))
    .map((member) => {
      const row = chosen.find((choice) => choice.userId === member.id);
      const online = row !== undefined && signedIn.has(member.id) && row.seenAt > now - PRESENCE_WINDOW_MS;
      const presence: Presence = online ? (row.status as PresenceChoice) : "offline";
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
