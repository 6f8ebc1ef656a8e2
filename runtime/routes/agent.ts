import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type TObject, Type } from "@sinclair/typebox";
import {
  answeredAs,
  Claimed,
  ConversationDetail,
  ConversationList,
  ConversationListQuery,
  ConversationParams,
  DISPOSITION_CODES,
  Done,
  errorResponses,
  isDisposition,
  LiveEvent,
  LiveEventsQuery,
  QueueParams,
  QueueRefParams,
  QueueSettingsBody,
  QueueSummary,
  ReleaseBody,
  ReplyBody,
  ResolveBody,
  SavedQueue,
  TransferBody,
} from "../../schema/api/index.js";
import { assertSchedule } from "../conversation/queue-settings.js";
import { saveQueue } from "../conversation/queues.js";
import { DomainError } from "../domain-error.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import type { Scope } from "../queue/agent-desk.js";
import { markSeen } from "../queue/presence.js";
import { describeFailure } from "../store/failure.js";
import { agentDeskOf } from "./agent-desk-of.js";
import deliveryRoutes from "./deliveries.js";
import { openEventStream } from "./sse.js";

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

const agentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const desk = agentDeskOf(app);
  const agent = requireRole("agent");
  const tags = ["agent"];
  await app.register(deliveryRoutes, { desk });

  app.get(
    "/api/queues",
    {
      schema: {
        tags,
        description: "Every queue: how many wait, since when, whether people are in, when its SLA runs out.",
        response: { 200: Type.Array(QueueSummary), ...errorResponses(401) },
      },
      onRequest: agent,
    },
    () => desk.queues(),
  );

  app.put(
    "/api/queues/:id",
    {
      schema: {
        tags,
        description: "Creates or changes a queue; refused with BAD_SCHEDULE when its hours cannot work.",
        params: QueueParams,
        body: QueueSettingsBody,
        response: { 200: SavedQueue, ...errorResponses(400, 401, 403, 413, 415) },
      },
      onRequest: requireRole("admin"),
    },
    async (request) => {
      const { id } = request.params;
      assertSchedule(request.body);
      await saveQueue(app.store, { id, ...request.body });
      return { id };
    },
  );

  app.post(
    "/api/queues/:id/claim",
    {
      schema: {
        tags,
        description: "Takes the queue's most urgent, oldest waiting case.",
        params: QueueRefParams,
        response: {
          200: Claimed,
          204: Type.Null({ description: "Nobody waits in the queue." }),
          ...errorResponses(400, 401, 403, 409),
        },
      },
      onRequest: agent,
    },
    async (request, reply) => {
      const queueId = request.params.id;
      const user = signedIn(request);
      mustWork(await desk.scope(user), queueId);
      const conversation = await desk.claim(queueId, user);
      return conversation ? { conversation } : reply.status(204).send(null);
    },
  );

  app.get(
    "/api/queues/:id/waiting",
    {
      schema: {
        tags,
        description: "The queue's waiting cases, most urgent and oldest first, with whom, why and the last message.",
        params: QueueRefParams,
        response: { 200: ConversationList, ...errorResponses(400, 401, 403) },
      },
      onRequest: agent,
    },
    async (request) => {
      const queueId = request.params.id;
      mustWork(await desk.scope(signedIn(request)), queueId);
      return desk.waiting(queueId);
    },
  );

  app.post(
    "/api/conversations/:id/pick",
    {
      schema: {
        tags,
        description: "Takes this waiting case rather than the next one; 409 NOT_WAITING when someone took it first.",
        params: ConversationParams,
        response: { 200: Claimed, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: agent,
    },
    async (request) => {
      const user = signedIn(request);
      return { conversation: await desk.pick(request.params.id, user, await desk.scope(user)) };
    },
  );

  app.get(
    "/api/conversations",
    {
      schema: {
        tags,
        description: "The open conversations in the queues you work and those you hold, latest first.",
        querystring: ConversationListQuery,
        response: { 200: ConversationList, ...errorResponses(400, 401) },
      },
      onRequest: agent,
    },
    async (request) =>
      request.query.mine === "1" ? desk.mine(signedIn(request)) : desk.list(await desk.scope(signedIn(request))),
  );

  app.get(
    "/api/conversations/:id",
    {
      schema: {
        tags,
        description: "The conversation with its handoff, transcript, channel limits and undelivered messages.",
        params: ConversationParams,
        response: { 200: ConversationDetail, ...errorResponses(400, 401, 404) },
      },
      onRequest: agent,
    },
    async (request) => desk.detail(request.params.id, await desk.scope(signedIn(request))),
  );

  /** An action on a conversation: its body, and what it answers once done or refused. */
  const action = <B extends TObject>(body: B, description: string) => ({
    schema: {
      tags,
      description,
      params: ConversationParams,
      body,
      response: { 200: Done, ...errorResponses(400, 401, 404, 409, 413, 415) },
    },
    onRequest: agent,
  });

  app.post(
    "/api/conversations/:id/reply",
    action(ReplyBody, "Sends the text to the customer on their channel; only the person holding it may."),
    async (request) => {
      await desk.reply(request.params.id, signedIn(request), request.body.text);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/note",
    action(ReplyBody, "Adds a note to the transcript for the team; the customer never sees it."),
    async (request) => {
      await desk.note(request.params.id, signedIn(request), request.body.text);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/transfer",
    action(TransferBody, "Level 1 pulls in level 2: the case waits again, in the other queue, with the note."),
    async (request) => {
      await desk.transfer(request.params.id, signedIn(request), request.body.queue, request.body.note);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/resolve",
    action(ResolveBody, "Closes the case with a disposition code; UNKNOWN_DISPOSITION names the known ones."),
    async (request) => {
      const { disposition } = request.body;
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
      await desk.resolve(request.params.id, signedIn(request), disposition);
      return {};
    },
  );
  app.post(
    "/api/conversations/:id/release",
    action(ReleaseBody, "Gives the conversation back to the bot at a node of its flow."),
    async (request) => {
      await desk.release(request.params.id, signedIn(request), request.body.nodeId);
      return {};
    },
  );

  app.get(
    "/api/events",
    {
      schema: {
        tags,
        description:
          "Server-sent events for the agent console, about the conversations in your queues and those you hold: each event's name is its `type`, its data the event as JSON.",
        querystring: LiveEventsQuery,
        response: {
          200: answeredAs("text/event-stream", LiveEvent),
          ...errorResponses(400, 401),
        },
      },
      onRequest: agent,
    },
    async (request, reply) => {
      const me = signedIn(request);
      // The scope is read once per connection: a change of queues applies when the console reconnects.
      const scope = await desk.scope(me);
      // A console coming back shows its person as they chose at once; its heartbeat keeps them online.
      if (request.query.present !== false) await markSeen(app.store, me.id);
      let unsubscribe = () => {};
      const stream = openEventStream<LiveEvent>(request, reply, () => unsubscribe());
      // Events are checked one after the other, so they reach the console in the order they happened.
      let turn = Promise.resolve();
      unsubscribe = app.live.subscribe((event) => {
        turn = turn
          .then(async () => {
            if (await desk.hears(scope, event)) stream.send(event);
          })
          .catch((error: unknown) => request.log.warn({ failure: describeFailure(error) }, "live event not sent"));
      });
    },
  );
};

export default agentRoutes;
