import { randomUUID } from "node:crypto";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Store } from "../store/db.js";
import { hashPassword, hashSecret, newSecret, verifyPassword } from "./passwords.js";

export const ROLES = ["agent", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const roleAtLeast = (role: Role, needed: Role) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

let decoy: Promise<string> | undefined;
/** A real hash of nothing anyone knows, made once per process. */
const decoyHash = () => {
  decoy ??= hashPassword(randomUUID());
  return decoy;
};

const SESSION_MS = 7 * 24 * 3600_000;
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

  async setPassword(userId: string, password: string): Promise<void> {
    const { users } = this.store.tables;
    const passwordHash = await hashPassword(password);
    await this.store.tx((db) => db.update(users).set({ passwordHash }).where(eq(users.id, userId)));
  }

  /** Whether the user has chosen a password: false after a one-time link, until they do. */
  async hasPassword(userId: string): Promise<boolean> {
    const { users } = this.store.tables;
    const [row] = await this.store.read((db) =>
      db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)),
    );
    return Boolean(row?.passwordHash);
  }

  async login(email: string, password: string): Promise<User | undefined> {
    const { users } = this.store.tables;
    const [row] = await this.store.read((db) => db.select().from(users).where(eq(users.email, email.toLowerCase())));
    // An unknown e-mail costs the same hashing as a wrong password, so timing does not tell who is registered.
    const matches = await verifyPassword(password, row?.passwordHash ?? (await decoyHash()));
    if (!row || !matches) return undefined;
    return toUser(row);
  }

  /** A credential for a user: a browser session, a first-start login link or an API token (which acts with its own role). */
  async issue(
    userId: string,
    kind: "session" | "link" | "token",
    options: { name?: string; role?: Role } = {},
  ): Promise<string> {
    const { credentials } = this.store.tables;
    const { secret, hash } = newSecret(kind === "token" ? "rls" : kind);
    const now = Date.now();
    const expiresAt = kind === "session" ? now + SESSION_MS : kind === "link" ? now + LINK_MS : null;
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
      const [row] = await db.select().from(users).where(eq(users.id, used.userId));
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
