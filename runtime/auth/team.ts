import { asc, eq } from "drizzle-orm";
import { ApiError } from "../plugins/errors.js";
import type { Store } from "../store/db.js";
import type { Role } from "./users.js";

/** A member of the team as admins see them: who, which role, which queues they work. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Queue ids this person works; empty means every queue. */
  queues: string[];
  /** False until the person has set a password (invited, not yet arrived). */
  hasPassword: boolean;
  createdAt: string;
}

function toMember(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  queues: string;
  passwordHash: string | null;
  createdAt: number;
}): Member {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    queues: JSON.parse(row.queues) as string[],
    hasPassword: row.passwordHash !== null,
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
    if (!row) throw new ApiError(404, "UNKNOWN_USER", `There is no user ${id}.`);
    if (change.role && change.role !== "admin" && row.role === "admin") {
      const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin"));
      if (admins.length <= 1) {
        throw new ApiError(
          409,
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
