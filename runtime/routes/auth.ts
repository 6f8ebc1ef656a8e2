import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  ApiToken,
  answeredAs,
  errorResponses,
  LoginBody,
  Me,
  NewToken,
  NewTokenBody,
  NewUserBody,
  OneTimeLinkParams,
  PasswordBody,
  TokenParams,
  UserAnswer,
} from "../../schema/api/index.js";
import { hashSecret } from "../auth/passwords.js";
import { DomainError } from "../domain-error.js";
import { requireRole, SESSION_COOKIE, signedIn } from "../plugins/auth.js";
import { KeyedSerial } from "../worker/keyed-serial.js";

const NoContent = (description: string) => Type.Null({ description });

/** Wrong passwords one address may try per window before it must wait; right ones never count. */
export const LOGIN_FAILURES_ALLOWED = 10;
const LOGIN_WINDOW = "15 minutes";

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        body: LoginBody,
        response: { 200: UserAnswer, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const user = await attempts.run(request.ip, async () => {
        const limit = await failedLogins(request, { increment: false });
        if (!limit.isAllowed && limit.remaining === 0) {
          reply.header("retry-after", String(limit.ttlInSeconds));
          const retryAfterMinutes = Math.ceil(limit.ttlInSeconds / 60);
          throw new DomainError(
            "tooMany",
            "TOO_MANY_ATTEMPTS",
            `Too many wrong passwords from your address; try again in ${retryAfterMinutes} minutes, or ask an admin for a login link.`,
            undefined,
            { retryAfterMinutes },
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
  app.post(
    "/api/auth/logout",
    {
      schema: {
        tags: ["auth"],
        response: { 204: NoContent("Logged out: the session cookie is cleared."), ...errorResponses() },
      },
    },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (session) await app.users.revoke(session);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/auth/me",
    {
      schema: {
        tags: ["auth"],
        response: { 200: Me, ...errorResponses(401) },
      },
      onRequest: requireRole("agent"),
    },
    async (request) => ({ user: signedIn(request), hasPassword: await app.users.hasPassword(signedIn(request).id) }),
  );
  app.get(
    "/api/auth/one-time/:token",
    {
      schema: {
        tags: ["auth"],
        description: "Logs in with a one-time link and goes to the app; HEAD (mail scanners) leaves the link unused.",
        params: OneTimeLinkParams,
        response: {
          200: answeredAs(
            "text/html",
            Type.String({ maxLength: 0, description: "To HEAD only: an empty page, the link stays usable." }),
          ),
          302: NoContent("Logged in: the session cookie is set; to the app (`Location: /`)."),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request, reply) => {
      // Mail scanners check links with HEAD: answering it must not use the link up.
      if (request.method === "HEAD") return reply.status(200).type("text/html").send("");
      const user = await app.users.useLink(request.params.token);
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
        body: PasswordBody,
        response: {
          204: NoContent("Changed; your other sessions are ended."),
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
      onRequest: requireRole("agent"),
    },
    async (request, reply) => {
      const { currentPassword, password } = request.body;
      const userId = signedIn(request).id;
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
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/users",
    {
      schema: {
        tags: ["auth"],
        body: NewUserBody,
        response: { 201: UserAnswer, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { body } = request;
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
        body: NewTokenBody,
        response: { 201: NewToken, ...errorResponses(400, 401, 403, 413, 415) },
      },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { name, role, expiresInDays } = request.body;
      const token = await app.users.issue(signedIn(request).id, "token", {
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
    {
      schema: { tags: ["auth"], response: { 200: Type.Array(ApiToken), ...errorResponses(401, 403) } },
      onRequest: requireRole("admin"),
    },
    () => app.users.tokens(),
  );
  app.delete(
    "/api/tokens/:id",
    {
      schema: {
        tags: ["auth"],
        description: "Revokes an API token at once.",
        params: TokenParams,
        response: { 204: NoContent("Revoked."), ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireRole("admin"),
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await app.users.revokeToken(id)))
        throw new DomainError("notFound", "UNKNOWN_TOKEN", `There is no API token ${id}.`);
      return reply.status(204).send(null);
    },
  );
};

export default authRoutes;
