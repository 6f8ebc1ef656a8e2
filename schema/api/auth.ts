import { type Static, Type } from "@sinclair/typebox";

/*
 * Accounts and sessions: who is calling, with which role, and the API tokens admins issue
 * (`/api/auth/*`, `/api/users`, `/api/tokens`).
 */

/** Supervisors run the agents, editors draw the flows, admins do everything. */
export const Role = Type.Union(
  [Type.Literal("agent"), Type.Literal("supervisor"), Type.Literal("editor"), Type.Literal("admin")],
  { description: "`agent`, `supervisor`, `editor` or `admin`." },
);
export type Role = Static<typeof Role>;

/** Every role, least to most. */
export const ROLES: readonly Role[] = Role.anyOf.map((role) => role.const);

const Email = Type.String({ minLength: 3, maxLength: 320 });
const Password = Type.String({ minLength: 10, maxLength: 1000 });
const PersonName = Type.String({ minLength: 1, maxLength: 120 });

/** Someone who may log in, as every route shows them. */
export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
});
export type User = Static<typeof User>;

export const UserAnswer = Type.Object({ user: User });
export type UserAnswer = Static<typeof UserAnswer>;

export const LoginBody = Type.Object({ email: Email, password: Type.String({ maxLength: 1000 }) });
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  user: User,
  hasPassword: Type.Boolean({
    description: "False for someone who came in with a one-time link and has not chosen a password yet.",
  }),
});
export type Me = Static<typeof Me>;

export const OneTimeLinkParams = Type.Object({ token: Type.String({ maxLength: 200 }) });
export type OneTimeLinkParams = Static<typeof OneTimeLinkParams>;

export const PasswordBody = Type.Object({
  currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
  password: Password,
});
export type PasswordBody = Static<typeof PasswordBody>;

export const NewUserBody = Type.Object({ email: Email, name: PersonName, role: Role, password: Password });
export type NewUserBody = Static<typeof NewUserBody>;

/** An API token as admins see it: never its secret. */
export const ApiToken = Type.Object({
  id: Type.String({ description: "The token's hash: what revoking it names." }),
  name: Type.String(),
  role: Role,
  createdBy: Type.String({ description: "The e-mail of the admin who issued it." }),
  createdAt: Type.String({ format: "date-time" }),
  expiresAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

export const NewTokenBody = Type.Object({
  name: PersonName,
  role: Role,
  expiresInDays: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3650, description: "Defaults to RELAIS_TOKEN_DAYS (90)." }),
  ),
});
export type NewTokenBody = Static<typeof NewTokenBody>;

export const NewToken = Type.Object({
  token: Type.String({ description: "The secret, shown this once: send it as `Authorization: Bearer <token>`." }),
  id: Type.String(),
  expiresAt: Type.String(),
});
export type NewToken = Static<typeof NewToken>;

export const TokenParams = Type.Object({ id: Type.String({ pattern: "^[0-9a-f]{64}$" }) });
export type TokenParams = Static<typeof TokenParams>;
