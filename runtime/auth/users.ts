import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, ne, or } from "drizzle-orm";
import { type ApiToken, ROLES, type Role, type User } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { hashPassword, hashSecret, newSecret, verifyPassword } from "./passwords.js";

/**
 * What each role may do besides its own: supervisors run the agents (never the flows), editors draw
 * the flows (never the team), admins everything. Editors keep the console, as before supervisors.
 */
const GRANTS: Record<Role, readonly Role[]> = {
  agent: ["agent"],
  supervisor: ["agent", "supervisor"],
  editor: ["agent", "editor"],
  admin: ROLES,
};

export const roleAtLeast = (role: Role, needed: Role) => GRANTS[role].includes(needed);

let decoy: Promise<string> | undefined;
/** A real hash of nothing anyone knows, made once per process. */
const decoyHash = () => {
  decoy ??= hashPassword(randomUUID());
  return decoy;
};

const DAY_MS = 24 * 3600_000;
const SESSION_MS = 7 * DAY_MS;
const LINK_MS = 24 * 3600_000;

export class Users {
  constructor(private readonly store: Store) {}

  async count(): Promise<number> {
    const { users } = this.store.tables;
    return (await this.store.read((db) => db.select({ id: users.id }).from(users).limit(1))).length;
  }

  async create(input: { email: string; name: string; role: Role; password?: string }): Promise<User> {
    const { users } = this.store.tables;
    const user: User = { id: randomUUID(), email: input.email.toLowerCase(), name: input.name, role: input.role };
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    await this.store.tx((db) => db.insert(users).values({ ...user, passwordHash, createdAt: Date.now() }));
    return user;
  }

  /**
   * Sets a new password and ends every other session of the user: whoever else held one (a stolen
   * cookie, a forgotten computer) is out. `keepSession` is the session making the change.
   */
  async setPassword(userId: string, password: string, keepSession?: string): Promise<void> {
    const { users, credentials } = this.store.tables;
    const passwordHash = await hashPassword(password);
    await this.store.tx(async (db) => {
      await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
      await db
        .delete(credentials)
        .where(
          and(
            eq(credentials.userId, userId),
            eq(credentials.kind, "session"),
            ...(keepSession ? [ne(credentials.hash, hashSecret(keepSession))] : []),
          ),
        );
    });
  }

  /** Whether `password` is the user's current one (false while they have none). */
  async checkPassword(userId: string, password: string): Promise<boolean> {
    const { users } = this.store.tables;
    const [row] = await this.store.read((db) =>
      db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)),
    );
    return verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
  }

  /** Ends every browser session of a user, at once. */
  async endSessions(userId: string): Promise<number> {
    const { credentials } = this.store.tables;
    const ended = await this.store.tx((db) =>
      db
        .delete(credentials)
        .where(and(eq(credentials.userId, userId), eq(credentials.kind, "session")))
        .returning({ hash: credentials.hash }),
    );
    return ended.length;
  }

  /** The API tokens still valid or not, newest first, without their secrets. */
  async tokens(): Promise<ApiToken[]> {
    const { credentials, users } = this.store.tables;
    const rows = await this.store.read((db) =>
      db
        .select({ credential: credentials, email: users.email })
        .from(credentials)
        .innerJoin(users, eq(users.id, credentials.userId))
        .where(eq(credentials.kind, "token")),
    );
    return rows
      .sort((a, b) => b.credential.createdAt - a.credential.createdAt)
      .map(({ credential, email }) => {
        const [role, ...name] = (credential.name ?? "").split(":");
        return {
          id: credential.hash,
          name: name.join(":"),
          role: (ROLES.includes(role as Role) ? role : "agent") as Role,
          createdBy: email,
          createdAt: new Date(credential.createdAt).toISOString(),
          expiresAt: credential.expiresAt === null ? null : new Date(credential.expiresAt).toISOString(),
        };
      });
  }

  /** Revokes an API token by its id (the hash listed by `tokens`); false when there is none. */
  async revokeToken(id: string): Promise<boolean> {
    const { credentials } = this.store.tables;
    const gone = await this.store.tx((db) =>
      db
        .delete(credentials)
        .where(and(eq(credentials.hash, id), eq(credentials.kind, "token")))
        .returning({ hash: credentials.hash }),
    );
    return gone.length > 0;
  }

  /** Whether the user has chosen a password: false after a one-time link, until they do. */
  async hasPassword(userId: string): Promise<boolean> {
    const { users } = this.store.tables;
    const [row] = await this.store.read((db) =>
      db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)),
    );
    return Boolean(row?.passwordHash);
  }

  /** The user, or "disabled" for a right password on a closed account (only then is that said). */
  async login(email: string, password: string): Promise<User | "disabled" | undefined> {
    const { users } = this.store.tables;
    const [row] = await this.store.read((db) => db.select().from(users).where(eq(users.email, email.toLowerCase())));
    // An unknown e-mail costs the same hashing as a wrong password, so timing does not tell who is registered.
    const matches = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
    if (!row || !matches) return undefined;
    return row.disabledAt === null ? toUser(row) : "disabled";
  }

  /** A credential for a user: a browser session, a first-start login link or an API token (which acts with its own role). */
  async issue(
    userId: string,
    kind: "session" | "link" | "token",
    options: { name?: string; role?: Role; expiresInDays?: number } = {},
  ): Promise<string> {
    const { credentials } = this.store.tables;
    const { secret, hash } = newSecret(kind === "token" ? "rls" : kind);
    const now = Date.now();
    const expiresAt =
      kind === "session"
        ? now + SESSION_MS
        : kind === "link"
          ? now + LINK_MS
          : now + (options.expiresInDays ?? 90) * DAY_MS;
    const name = kind === "token" ? `${options.role ?? "agent"}:${options.name ?? ""}` : null;
    await this.store.tx((db) =>
      db.insert(credentials).values({ hash, kind, userId, name, expiresAt, usedAt: null, createdAt: now }),
    );
    return secret;
  }

  /** The user a session cookie or API token stands for; a token acts with the role it was made for. */
  async resolve(secret: string, kind: "session" | "token"): Promise<User | undefined> {
    const { credentials, users } = this.store.tables;
    const [row] = await this.store.read((db) =>
      db
        .select({ user: users, name: credentials.name })
        .from(credentials)
        .innerJoin(users, eq(users.id, credentials.userId))
        .where(
          and(
            eq(credentials.hash, hashSecret(secret)),
            eq(credentials.kind, kind),
            or(isNull(credentials.expiresAt), gt(credentials.expiresAt, Date.now())),
            isNull(users.disabledAt),
          ),
        ),
    );
    if (!row) return undefined;
    const user = toUser(row.user);
    if (kind !== "token") return user;
    const tokenRole = (row.name ?? "").split(":")[0] as Role;
    // A token never has more rights than the admin who made it.
    return { ...user, role: ROLES.includes(tokenRole) && roleAtLeast(user.role, tokenRole) ? tokenRole : "agent" };
  }

  /** Uses a one-time login link: it works once, within a day. */
  async useLink(secret: string): Promise<User | undefined> {
    const { credentials, users } = this.store.tables;
    return this.store.tx(async (db) => {
      const [used] = await db
        .update(credentials)
        .set({ usedAt: Date.now() })
        .where(
          and(
            eq(credentials.hash, hashSecret(secret)),
            eq(credentials.kind, "link"),
            isNull(credentials.usedAt),
            gt(credentials.expiresAt, Date.now()),
          ),
        )
        .returning({ userId: credentials.userId });
      if (!used) return undefined;
      const [row] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, used.userId), isNull(users.disabledAt)));
      return row ? toUser(row) : undefined;
    });
  }

  async revoke(secret: string): Promise<void> {
    const { credentials } = this.store.tables;
    await this.store.tx((db) => db.delete(credentials).where(eq(credentials.hash, hashSecret(secret))));
  }
}

function toUser(row: { id: string; email: string; name: string; role: string }): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role as Role };
}
