import cookie from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role, User } from "../../schema/api/index.js";
import { roleAtLeast, Users } from "../auth/users.js";
import { DomainError } from "../domain-error.js";
import { peopleFirst } from "../store/people-first.js";

export const SESSION_COOKIE = "relais_session";

/** The caller of a route guarded by `requireRole`; refuses (401) a request that has none. */
export function signedIn(request: FastifyRequest): User {
  if (!request.user)
    throw new DomainError(
      "unauthenticated",
      "UNAUTHENTICATED",
      "Log in (cookie `relais_session`) or send `Authorization: Bearer <API token>`.",
    );
  return request.user;
}

/** Refuses a request without a user (401) or whose user lacks the role (403). */
export function requireRole(role: Role) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = signedIn(request);
    if (!roleAtLeast(user.role, role)) {
      throw new DomainError("forbidden", "FORBIDDEN", `This needs the ${role} role; you are ${user.role}.`);
    }
  };
}

/**
 * Who is calling: a session cookie or an API token. The first start creates the admin, from
 * RELAIS_ADMIN_EMAIL/RELAIS_ADMIN_PASSWORD, or with a one-time login link printed once.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    const users = new Users(app.store);
    app.decorate("users", users);
    app.decorateRequest("user", undefined);
    // A person's request runs within `peopleFirst` from here on, its credential's lookup included:
    // `done` is called inside it, so the rest of the request's life is too.
    app.addHook("onRequest", (request, _reply, done) => {
      const header = request.headers.authorization;
      const token =
        header?.startsWith("Bearer ") && request.url.startsWith("/api/") && !request.url.startsWith("/api/channels/")
          ? header.slice(7).trim()
          : undefined;
      const session = token === undefined ? request.cookies[SESSION_COOKIE] : undefined;
      if (token === undefined && !session) return done();
      peopleFirst.run(true, () => {
        users.resolve(token ?? session ?? "", token === undefined ? "session" : "token").then((user) => {
          request.user = user;
          done();
        }, done);
      });
    });
    if ((await users.count()) === 0) {
      const { adminEmail, adminPassword, publicUrl } = app.config;
      const admin = await users.create({
        email: adminEmail ?? "admin@localhost",
        name: "Administrateur",
        role: "admin",
        password: adminPassword,
      });
      if (!adminPassword) {
        const link = await users.issue(admin.id, "link");
        // Printed, not logged: the link is a credential and logs get shipped elsewhere.
        process.stdout.write(
          `\nRelais: first start. Log in as ${admin.email} within 24 hours with this one-time link:\n  ${publicUrl}/api/auth/one-time/${link}\nthe app then asks you to choose a password.\n\n`,
        );
      }
      app.log.info({ email: admin.email }, "admin user created");
    }
  },
  { name: "auth", dependencies: ["db"] },
);
