import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { SLUG_PATTERN } from "../../schema/index.js";
import {
  getMember,
  listMembers,
  queuesOf,
  type Returned,
  removeMember,
  setDisabled,
  updateMember,
} from "../auth/team.js";
import { ROLES, type Role } from "../auth/users.js";
import { loadQueues } from "../conversation/queues.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";

const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
const QueueIds = Type.Array(Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }), {
  maxItems: 100,
  description: "Queue ids the person works; empty means every queue.",
});
const MemberSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  queues: Type.Array(Type.String()),
  hasPassword: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});
const UserId = Type.Object({ id: Type.String({ format: "uuid" }) });

/** The team, for admins: who works here, with which role and on which queues; invitations by one-time link. */
export default async function teamRoutes(app: FastifyInstance) {
  const admin = requireRole("admin");
  const tags = ["team"];

  async function checkQueues(ids: readonly string[]) {
    const known = await loadQueues(app.store);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new DomainError(
        "invalid",
        "UNKNOWN_QUEUE",
        `Unknown queue ${unknown.map((id) => `\`${id}\``).join(", ")}; known: ${[...known.keys()].join(", ")}.`,
      );
    }
  }

  /** A one-time login link; the person sets a password after following it. */
  async function loginLink(userId: string) {
    return `${app.config.publicUrl}/api/auth/one-time/${await app.users.issue(userId, "link")}`;
  }

  app.get("/api/users", { schema: { tags, response: { 200: Type.Array(MemberSchema) } }, onRequest: admin }, () =>
    listMembers(app.store),
  );

  app.get(
    "/api/users/me/queues",
    {
      schema: { tags, response: { 200: Type.Object({ queues: Type.Array(Type.String()) }) } },
      onRequest: requireRole("agent"),
    },
    async (request) => ({ queues: await queuesOf(app.store, request.user!.id) }),
  );

  app.post(
    "/api/users/invitations",
    {
      schema: {
        tags,
        description: "Creates a user without a password and returns a one-time login link (valid 24 h) to send them.",
        body: Type.Object({
          email: Type.String({ minLength: 3, maxLength: 320, pattern: "^[^@\\s]+@[^@\\s]+$" }),
          name: Type.String({ minLength: 1, maxLength: 120 }),
          role: RoleSchema,
          queues: Type.Optional(QueueIds),
        }),
        response: { 201: Type.Object({ user: MemberSchema, link: Type.String() }) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const body = request.body as { email: string; name: string; role: Role; queues?: string[] };
      await checkQueues(body.queues ?? []);
      const created = await app.users.create({ email: body.email, name: body.name, role: body.role }).catch(() => {
        throw new DomainError("conflict", "EMAIL_TAKEN", `A user with the e-mail ${body.email} already exists.`);
      });
      const user = await updateMember(app.store, created.id, { queues: body.queues ?? [] });
      return reply.status(201).send({ user, link: await loginLink(created.id) });
    },
  );

  app.put(
    "/api/users/:id",
    {
      schema: {
        tags,
        params: UserId,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            role: Type.Optional(RoleSchema),
            queues: Type.Optional(QueueIds),
            disabled: Type.Optional(
              Type.Boolean({
                description: "True closes the account: its sessions and API tokens stop at once; false opens it again.",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: MemberSchema },
      },
      onRequest: admin,
    },
    async (request) => {
      const { disabled, ...body } = request.body as {
        name?: string;
        role?: Role;
        queues?: string[];
        disabled?: boolean;
      };
      const { id } = request.params as { id: string };
      if (body.queues) await checkQueues(body.queues);
      if (Object.keys(body).length > 0) await updateMember(app.store, id, body);
      if (disabled !== undefined) announce(await setDisabled(app.store, id, disabled));
      const member = await getMember(app.store, id);
      if (!member) throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
      return member;
    },
  );

  /** Conversations the person held wait in their queues again: agents hear of them as new cases. */
  function announce(returned: Returned[]) {
    for (const { conversationId, queue, priority } of returned) {
      app.live.publish({ type: "handoff.created", conversationId, queue, priority });
    }
  }

  app.delete(
    "/api/users/:id",
    {
      schema: {
        tags,
        description:
          "Removes the person, their sessions and API tokens; the conversations they held go back to their queues.",
        params: UserId,
      },
      onRequest: admin,
    },
    async (request, reply) => {
      announce(await removeMember(app.store, (request.params as { id: string }).id));
      return reply.status(204).send();
    },
  );

  app.delete(
    "/api/users/:id/sessions",
    {
      schema: {
        tags,
        description: "Logs the person out everywhere, at once (their API tokens are revoked separately).",
        params: UserId,
        response: { 200: Type.Object({ ended: Type.Integer() }) },
      },
      onRequest: admin,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      if (!(await getMember(app.store, id)))
        throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
      return { ended: await app.users.endSessions(id) };
    },
  );

  app.post(
    "/api/users/:id/link",
    {
      schema: {
        tags,
        description: "A new one-time login link for someone who lost theirs or forgot their password.",
        params: UserId,
        response: { 201: Type.Object({ link: Type.String() }) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await getMember(app.store, id)))
        throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
      return reply.status(201).send({ link: await loginLink(id) });
    },
  );
}
