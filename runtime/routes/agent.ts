import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { DISPOSITION_CODES, isDisposition, QueueNoticeTexts } from "../../schema/api/index.js";
import { SLUG_PATTERN } from "../../schema/index.js";
import { WEEKDAYS } from "../conversation/business-hours.js";
import { assertSchedule } from "../conversation/queue-settings.js";
import { saveQueue } from "../conversation/queues.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";
import { AgentDesk, type Scope } from "../queue/agent-desk.js";
import deliveryRoutes from "./deliveries.js";
import { openEventStream } from "./sse.js";

const ConversationId = Type.Object({ id: Type.String({ format: "uuid" }) });
const Text = Type.String({ minLength: 1, maxLength: 4000 });
const Time = Type.String({ pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$" });

/** People work the queues an admin gave them (all when none); supervisors and admins help anywhere. */
function mustWork(scope: Scope, queueId: string) {
  if (!scope.all && !scope.queues.includes(queueId)) {
    throw new DomainError(
      "forbidden",
      "NOT_YOUR_QUEUE",
      `You work the queues ${scope.queues.join(", ")}, not \`${queueId}\`; ask an admin to add it to your queues.`,
    );
  }
}

export default async function agentRoutes(app: FastifyInstance) {
  const desk = new AgentDesk({
    store: app.store,
    config: app.config,
    metrics: app.metrics,
    live: app.live,
    published: app.published,
    outbox: app.outbox,
    http: app.httpClient,
    steps: app.steps,
    inTurn: (conversation, work) => app.processor.inTurn(conversation, work),
  });
  const agent = requireRole("agent");
  const tags = ["agent"];
  await app.register(deliveryRoutes, { desk });

  app.get("/api/queues", { schema: { tags }, onRequest: agent }, () => desk.queues());

  app.put(
    "/api/queues/:id",
    {
      schema: {
        tags,
        params: Type.Object({ id: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) }),
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 120 }),
          level: Type.Integer({ minimum: 1, maximum: 3 }),
          timezone: Type.String({ minLength: 1, maxLength: 64 }),
          hours: Type.Partial(
            Type.Record(
              Type.Union(WEEKDAYS.map((d) => Type.Literal(d))),
              Type.Array(Type.Tuple([Time, Time]), {
                description: 'Opening intervals, local time, e.g. [["09:00", "18:00"]].',
              }),
            ),
            { additionalProperties: false },
          ),
          holidays: Type.Array(Type.String({ pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })),
          slaMinutes: Type.Integer({ minimum: 1 }),
          outOfHoursText: Type.Record(Type.String(), Type.String({ minLength: 1 })),
          noticeTexts: Type.Optional(QueueNoticeTexts),
        }),
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const settings = request.body as Omit<Parameters<typeof saveQueue>[1], "id">;
      assertSchedule(settings);
      await saveQueue(app.store, { id, ...settings });
      return { id };
    },
  );

  app.post(
    "/api/queues/:id/claim",
    { schema: { tags, params: Type.Object({ id: Type.String({ maxLength: 64 }) }) }, onRequest: agent },
    async (request, reply) => {
      const queueId = (request.params as { id: string }).id;
      const user = request.user!;
      mustWork(await desk.scope(user), queueId);
      const conversation = await desk.claim(queueId, user);
      return conversation ? { conversation } : reply.status(204).send();
    },
  );

  app.get(
    "/api/queues/:id/waiting",
    {
      schema: {
        tags,
        description: "The queue's waiting cases, most urgent and oldest first, with whom, why and the last message.",
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
      },
      onRequest: agent,
    },
    async (request) => {
      const queueId = (request.params as { id: string }).id;
      mustWork(await desk.scope(request.user!), queueId);
      return desk.waiting(queueId);
    },
  );

  app.post(
    "/api/conversations/:id/pick",
    {
      schema: {
        tags,
        description: "Takes this waiting case rather than the next one; 409 NOT_WAITING when someone took it first.",
        params: ConversationId,
      },
      onRequest: agent,
    },
    async (request) => {
      const user = request.user!;
      return { conversation: await desk.pick((request.params as { id: string }).id, user, await desk.scope(user)) };
    },
  );

  app.get(
    "/api/conversations",
    { schema: { tags, querystring: Type.Object({ mine: Type.Optional(Type.String()) }) }, onRequest: agent },
    async (request) =>
      (request.query as { mine?: string }).mine === "1"
        ? desk.mine(request.user!)
        : desk.list(await desk.scope(request.user!)),
  );

  app.get("/api/conversations/:id", { schema: { tags, params: ConversationId }, onRequest: agent }, async (request) =>
    desk.detail((request.params as { id: string }).id, await desk.scope(request.user!)),
  );

  app.post(
    "/api/conversations/:id/reply",
    { schema: { tags, params: ConversationId, body: Type.Object({ text: Text }) }, onRequest: agent },
    async (request) => {
      await desk.reply((request.params as { id: string }).id, request.user!, (request.body as { text: string }).text);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/note",
    { schema: { tags, params: ConversationId, body: Type.Object({ text: Text }) }, onRequest: agent },
    async (request) => {
      await desk.note((request.params as { id: string }).id, request.user!, (request.body as { text: string }).text);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/transfer",
    {
      schema: {
        tags,
        params: ConversationId,
        body: Type.Object({ queue: Type.String({ maxLength: 64 }), note: Type.String({ maxLength: 4000 }) }),
      },
      onRequest: agent,
    },
    async (request) => {
      const body = request.body as { queue: string; note: string };
      await desk.transfer((request.params as { id: string }).id, request.user!, body.queue, body.note);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/resolve",
    {
      schema: {
        tags,
        params: ConversationId,
        body: Type.Object({
          disposition: Type.String({
            maxLength: 64,
            description: `How it ended, as a code: ${DISPOSITION_CODES.join(", ")}.`,
          }),
        }),
      },
      onRequest: agent,
    },
    async (request) => {
      const { disposition } = request.body as { disposition: string };
      if (!isDisposition(disposition)) {
        throw new DomainError(
          "invalid",
          "UNKNOWN_DISPOSITION",
          `\`${disposition}\` is not a disposition; use one of ${DISPOSITION_CODES.join(", ")}.`,
          [
            {
              code: "request/disposition",
              severity: "error",
              file: "body",
              pointer: "/disposition",
              message: `Use one of ${DISPOSITION_CODES.join(", ")}.`,
            },
          ],
        );
      }
      await desk.resolve(
        (request.params as { id: string }).id,
        request.user!,
        (request.body as { disposition: string }).disposition,
      );
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/release",
    {
      schema: {
        tags,
        params: ConversationId,
        body: Type.Object({ nodeId: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) }),
      },
      onRequest: agent,
    },
    async (request) => {
      await desk.release(
        (request.params as { id: string }).id,
        request.user!,
        (request.body as { nodeId: string }).nodeId,
      );
      return {};
    },
  );

  app.get("/api/events", { schema: { tags }, onRequest: agent }, async (request, reply) => {
    // The scope is read once per connection: a change of queues applies when the console reconnects.
    const scope = await desk.scope(request.user!);
    let unsubscribe = () => {};
    const stream = openEventStream(request, reply, () => unsubscribe());
    // Events are checked one after the other, so they reach the console in the order they happened.
    let turn = Promise.resolve();
    unsubscribe = app.live.subscribe((event) => {
      turn = turn
        .then(async () => {
          if (await desk.hears(scope, event)) stream.send(event.type, event);
        })
        .catch((error: unknown) => request.log.warn({ err: error }, "live event not sent"));
    });
  });
}
