import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { Member, Role } from "../../schema/api/index.js";
import { DomainError } from "../domain-error.js";
import type { Db, Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { StringList } from "../store/json-columns.js";
import type { UserRow } from "../store/records.js";

function toMember(row: UserRow): Member {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    queues: readJson(StringList, row.queues, { table: "users", column: "queues", id: row.id }),
    hasPassword: row.passwordHash !== null,
    disabled: row.disabledAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export async function listMembers(store: Store): Promise<Member[]> {
  const { users } = store.tables;
  const rows = await store.read((db) => db.select().from(users).orderBy(asc(users.name), asc(users.email)));
  return rows.map(toMember);
}

export async function getMember(store: Store, id: string): Promise<Member | undefined> {
  const { users } = store.tables;
  const [row] = await store.read((db) => db.select().from(users).where(eq(users.id, id)));
  return row ? toMember(row) : undefined;
}

/** The queues a person works (empty: all of them). */
export async function queuesOf(store: Store, userId: string): Promise<string[]> {
  return (await getMember(store, userId))?.queues ?? [];
}

/** Refuses to leave the team without an admin who can log in. */
async function keepAnAdmin(db: Db, store: Store, row: { id: string; email: string; role: string }, what: string) {
  if (row.role !== "admin") return;
  const { users } = store.tables;
  const others = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), ne(users.id, row.id), isNull(users.disabledAt)));
  if (others.length === 0) {
    throw new DomainError(
      "conflict",
      "LAST_ADMIN",
      `${row.email} is the only admin; make someone else admin before you ${what}.`,
    );
  }
}

/** A conversation put back in its queue because the person holding it left. */
export interface Returned {
  conversationId: string;
  queue: string;
  priority: string;
}

/** Puts the conversations a person holds back in their queues, for someone else to take. */
async function returnHeld(db: Db, store: Store, userId: string, now: number): Promise<Returned[]> {
  const { handoffs, conversations } = store.tables;
  const held = await db
    .update(handoffs)
    .set({ claimedBy: null, claimedAt: null })
    .where(and(eq(handoffs.claimedBy, userId), isNull(handoffs.closedAt)))
    .returning({ conversationId: handoffs.conversationId, queue: handoffs.queue, priority: handoffs.priority });
  await db
    .update(conversations)
    .set({ status: "queued", assignedTo: null, updatedAt: now })
    .where(and(eq(conversations.assignedTo, userId), eq(conversations.status, "agent")));
  return held;
}

/**
 * Closes or opens an account. Closed: no login, and its sessions and API tokens stop at once (they
 * work again when it is opened, sessions excepted); what the person held goes back to the queues.
 */
export async function setDisabled(store: Store, id: string, disabled: boolean): Promise<Returned[]> {
  const { users, credentials } = store.tables;
  return store.tx(async (db) => {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    if (!row) throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
    if (!disabled) {
      await db.update(users).set({ disabledAt: null }).where(eq(users.id, id));
      return [];
    }
    await keepAnAdmin(db, store, row, "close this account");
    const now = Date.now();
    await db
      .update(users)
      .set({ disabledAt: row.disabledAt ?? now })
      .where(eq(users.id, id));
    await db.delete(credentials).where(and(eq(credentials.userId, id), ne(credentials.kind, "token")));
    return returnHeld(db, store, id, now);
  });
}

/** Removes a person from the team: the account, its sessions, links and tokens; what they held goes back to the queues. */
export async function removeMember(store: Store, id: string): Promise<Returned[]> {
  const { users, credentials } = store.tables;
  return store.tx(async (db) => {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    if (!row) throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
    await keepAnAdmin(db, store, row, "remove this account");
    const returned = await returnHeld(db, store, id, Date.now());
    await db.delete(credentials).where(eq(credentials.userId, id));
    await db.delete(users).where(eq(users.id, id));
    return returned;
  });
}

/**
 * Changes a member's name, role or queues. The last admin cannot be demoted, so the team never
 * locks itself out of its own settings.
 */
export async function updateMember(
  store: Store,
  id: string,
  change: { name?: string; role?: Role; queues?: string[] },
): Promise<Member> {
  const { users } = store.tables;
  await store.tx(async (db) => {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    if (!row) throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
    if (change.role && change.role !== "admin" && row.role === "admin") {
      const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
      if (admins.length <= 1) {
        throw new DomainError(
          "conflict",
          "LAST_ADMIN",
          `${row.email} is the only admin; make someone else admin before changing this role.`,
        );
      }
    }
    await db
      .update(users)
      .set({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.queues !== undefined ? { queues: JSON.stringify([...new Set(change.queues)].sort()) } : {}),
      })
      .where(eq(users.id, id));
  });
  return (await getMember(store, id)) as Member;
}
