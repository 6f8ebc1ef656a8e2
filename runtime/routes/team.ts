import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  EndedSessions,
  errorResponses,
  Invitation,
  InvitationBody,
  LoginLink,
  Member,
  MemberChange,
  MyQueues,
  UserParams,
} from "../../schema/api/index.js";
import {
  getMember,
  listMembers,
  queuesOf,
  type Returned,
  removeMember,
  setDisabled,
  updateMember,
} from "../auth/team.js";
import { loadQueues } from "../conversation/queues.js";
import { DomainError } from "../domain-error.js";
import { requireRole, signedIn } from "../plugins/auth.js";

/** The team, for admins: who works here, with which role and on which queues; invitations by one-time link. */
const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
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

  app.get(
    "/api/users",
    { schema: { tags, response: { 200: Type.Array(Member), ...errorResponses(401, 403) } }, onRequest: admin },
    () => listMembers(app.store),
  );

  app.get(
    "/api/users/me/queues",
    {
      schema: { tags, response: { 200: MyQueues, ...errorResponses(401) } },
      onRequest: requireRole("agent"),
    },
    async (request) => ({ queues: await queuesOf(app.store, signedIn(request).id) }),
  );

  app.post(
    "/api/users/invitations",
    {
      schema: {
        tags,
        description: "Creates a user without a password and returns a one-time login link (valid 24 h) to send them.",
        body: InvitationBody,
        response: { 201: Invitation, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { body } = request;
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
        params: UserParams,
        body: MemberChange,
        response: { 200: Member, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
      onRequest: admin,
    },
    async (request) => {
      const { disabled, ...body } = request.body;
      const { id } = request.params;
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
        params: UserParams,
        response: { 204: Type.Null({ description: "Removed." }), ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      announce(await removeMember(app.store, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/users/:id/sessions",
    {
      schema: {
        tags,
        description: "Logs the person out everywhere, at once (their API tokens are revoked separately).",
        params: UserParams,
        response: { 200: EndedSessions, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: admin,
    },
    async (request) => {
      const { id } = request.params;
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
        params: UserParams,
        response: { 201: LoginLink, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: admin,
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await getMember(app.store, id)))
        throw new DomainError("notFound", "UNKNOWN_USER", `There is no user ${id}.`);
      return reply.status(201).send({ link: await loginLink(id) });
    },
  );
};

export default teamRoutes;
