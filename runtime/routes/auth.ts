import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { hashSecret } from "../auth/passwords.js";
import { ROLES } from "../auth/users.js";
import { DomainError } from "../domain-error.js";
import { requireRole, SESSION_COOKIE } from "../plugins/auth.js";
import { KeyedSerial } from "../worker/keyed-serial.js";

const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union(ROLES.map((role) => Type.Literal(role))),
});

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Type.Union(ROLES.map((role) => Type.Literal(role))),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
});

/** Wrong passwords one address may try per window before it must wait; right ones never count. */
export const LOGIN_FAILURES_ALLOWED = 10;
const LOGIN_WINDOW = "15 minutes";

export default async function authRoutes(app: FastifyInstance) {
  const failedLogins = app.createRateLimit({ max: LOGIN_FAILURES_ALLOWED, timeWindow: LOGIN_WINDOW });
  // An address's attempts take turns, so a burst of guesses cannot all pass the count before any is added.
  const attempts = new KeyedSerial();
  const cookieOptions = {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: app.config.secureCookies,
    maxAge: 7 * 24 * 3600,
  };
  app.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["auth"],
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 320 }),
          password: Type.String({ maxLength: 1000 }),
        }),
        response: { 200: Type.Object({ user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body as { email: string; password: string };
      const user = await attempts.run(request.ip, async () => {
        const limit = await failedLogins(request, { increment: false });
        if (!limit.isAllowed && limit.remaining === 0) {
          reply.header("retry-after", String(limit.ttlInSeconds));
          throw new DomainError(
            "tooMany",
            "TOO_MANY_ATTEMPTS",
            `Too many wrong passwords from your address; try again in ${Math.ceil(limit.ttlInSeconds / 60)} minutes, or ask an admin for a login link.`,
          );
        }
        const found = await app.users.login(email, password);
        if (!found) await failedLogins(request);
        return found;
      });
      if (!user) throw new DomainError("unauthenticated", "BAD_CREDENTIALS", "Wrong e-mail or password.");
      if (user === "disabled") {
        throw new DomainError(
          "forbidden",
          "ACCOUNT_DISABLED",
          "An admin has closed this account; ask them to open it again.",
        );
      }
      reply.setCookie(SESSION_COOKIE, await app.users.issue(user.id, "session"), cookieOptions);
      return { user };
    },
  );
  app.post("/api/auth/logout", { schema: { tags: ["auth"] } }, async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE];
    if (session) await app.users.revoke(session);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });
  app.get(
    "/api/auth/me",
    {
      schema: {
        tags: ["auth"],
        response: {
          200: Type.Object({
            user: UserSchema,
            hasPassword: Type.Boolean({
              description: "False for someone who came in with a one-time link and has not chosen a password yet.",
            }),
          }),
        },
      },
      onRequest: requireRole("agent"),
    },
    async (request) => ({ user: request.user, hasPassword: await app.users.hasPassword(request.user!.id) }),
  );
  app.get(
    "/api/auth/one-time/:token",
    { schema: { tags: ["auth"], params: Type.Object({ token: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      // Mail scanners check links with HEAD: answering it must not use the link up.
      if (request.method === "HEAD") return reply.status(200).type("text/html").send();
      const user = await app.users.useLink((request.params as { token: string }).token);
      if (!user)
        throw new DomainError(
          "unauthenticated",
          "LINK_USED",
          "This login link was already used or has expired; ask an admin for an account.",
        );
      reply.setCookie(SESSION_COOKIE, await app.users.issue(user.id, "session"), cookieOptions);
      return reply.redirect("/");
    },
  );
  app.post(
    "/api/auth/password",
    {
      schema: {
        tags: ["auth"],
        description:
          "Changes your password and ends your other sessions. `currentPassword` is required once you have one (not right after a one-time link).",
        body: Type.Object({
          currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
          password: Type.String({ minLength: 10, maxLength: 1000 }),
        }),
      },
      onRequest: requireRole("agent"),
    },
    async (request, reply) => {
      const { currentPassword, password } = request.body as { currentPassword?: string; password: string };
      const userId = request.user!.id;
      if (await app.users.hasPassword(userId)) {
        if (currentPassword === undefined || !(await app.users.checkPassword(userId, currentPassword))) {
          throw new DomainError("forbidden", "WRONG_PASSWORD", "Your current password is not right; type it again.", [
            {
              code: "request/current-password",
              severity: "error",
              file: "body",
              pointer: "/currentPassword",
              message: "The field `currentPassword` must be your current password.",
            },
          ]);
        }
      }
      await app.users.setPassword(userId, password, request.cookies[SESSION_COOKIE]);
      return reply.status(204).send();
    },
  );
  app.post(
    "/api/users",
    {
      schema: {
        tags: ["auth"],
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 320 }),
          name: Type.String({ minLength: 1, maxLength: 120 }),
          role: Type.Union(ROLES.map((role) => Type.Literal(role))),
          password: Type.String({ minLength: 10, maxLength: 1000 }),
        }),
        response: { 201: Type.Object({ user: UserSchema }) },
      },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const body = request.body as { email: string; name: string; role: (typeof ROLES)[number]; password: string };
      const user = await app.users.create(body).catch(() => {
        throw new DomainError("conflict", "EMAIL_TAKEN", `A user with the e-mail ${body.email} already exists.`);
      });
      return reply.status(201).send({ user });
    },
  );
  app.post(
    "/api/tokens",
    {
      schema: {
        tags: ["auth"],
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 120 }),
          role: Type.Union(ROLES.map((role) => Type.Literal(role))),
          expiresInDays: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 3650, description: "Defaults to RELAIS_TOKEN_DAYS (90)." }),
          ),
        }),
        response: { 201: Type.Object({ token: Type.String(), id: Type.String(), expiresAt: Type.String() }) },
      },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { name, role, expiresInDays } = request.body as {
        name: string;
        role: (typeof ROLES)[number];
        expiresInDays?: number;
      };
      const token = await app.users.issue(request.user!.id, "token", {
        name,
        role,
        expiresInDays: expiresInDays ?? app.config.tokenTtlDays,
      });
      const made = (await app.users.tokens()).find((each) => each.id === hashSecret(token));
      return reply.status(201).send({ token, id: hashSecret(token), expiresAt: made?.expiresAt ?? "" });
    },
  );
  app.get(
    "/api/tokens",
    { schema: { tags: ["auth"], response: { 200: Type.Array(TokenSchema) } }, onRequest: requireRole("admin") },
    () => app.users.tokens(),
  );
  app.delete(
    "/api/tokens/:id",
    {
      schema: {
        tags: ["auth"],
        description: "Revokes an API token at once.",
        params: Type.Object({ id: Type.String({ pattern: "^[0-9a-f]{64}$" }) }),
      },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await app.users.revokeToken(id)))
        throw new DomainError("notFound", "UNKNOWN_TOKEN", `There is no API token ${id}.`);
      return reply.status(204).send();
    },
  );
}
