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

/**
 * How long a person counts as online after one of their consoles was last seen: three beats, so that
 * a beat late or lost (a busy database, a process restarting) does not show them offline.
 */
export const SEEN_WINDOW_MS = 90_000;
/** How often each process says which people have a console open on it. */
export const BEAT_MS = 30_000;

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
 * Records that these people are there now, in one statement. Someone seen before choosing is away:
 * nobody is available before they said so.
 */
export async function markSeen(store: Store, userIds: readonly string[], now = Date.now()) {
  if (userIds.length === 0) return;
  const { agentPresence } = store.tables;
  // In one order everywhere: on PostgreSQL two processes marking the same people lock their rows in turn.
  const rows = [...userIds].sort().map((userId) => ({ userId, status: "away", updatedAt: now, seenAt: now }));
  await store.tx((db) =>
    db
      .insert(agentPresence)
      .values(rows)
      .onConflictDoUpdate({ target: agentPresence.userId, set: { seenAt: now } }),
  );
}

/**
 * The people with a console (a live event stream) open on this process, said to be there at once
 * when one opens and then at every `beat`, all in one statement, whatever the number of consoles.
 * Nothing is written when one closes: another process may hold a console of the same person, so
 * they go offline when no process has seen them for `SEEN_WINDOW_MS`.
 */
export class Consoles {
  private readonly open = new Map<string, number>();

  constructor(private readonly store: Store) {}

  /** Marks the person seen, then counts their console until the returned function is called (once). */
  async opened(userId: string, now = Date.now()): Promise<() => void> {
    await markSeen(this.store, [userId], now);
    this.open.set(userId, (this.open.get(userId) ?? 0) + 1);
    return () => {
      const left = (this.open.get(userId) ?? 1) - 1;
      if (left > 0) this.open.set(userId, left);
      else this.open.delete(userId);
    };
  }

  /** Marks everyone with a console open here seen. */
  beat(now = Date.now()): Promise<void> {
    return markSeen(this.store, [...this.open.keys()], now);
  }
}

/**
 * Everyone who works conversations (open accounts, agents and above), with their presence and load.
 * Their choice counts while they are online: a live browser session, and seen within `SEEN_WINDOW_MS`
 * (a console open, or their presence asked or set). Otherwise they are offline.
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
      const online = row !== undefined && signedIn.has(member.id) && row.seenAt > now - SEEN_WINDOW_MS;
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
