import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ROLES } from "../auth/users.js";
import { requireRole } from "../plugins/auth.js";
import { moveConversation } from "../queue/reassign.js";
import { floorView } from "../queue/supervision.js";

const PersonId = Type.String({ format: "uuid" });

const Held = Type.Object({
  conversationId: Type.String(),
  queue: Type.String(),
  priority: Type.String(),
  heldSeconds: Type.Integer({ description: "Since the person took it." }),
  waitedSeconds: Type.Integer({ description: "How long the customer waited before that." }),
});

const Floor = Type.Object({
  at: Type.String(),
  people: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      role: Type.Union(ROLES.map((role) => Type.Literal(role))),
      queues: Type.Array(Type.String()),
      holding: Type.Array(Held),
    }),
  ),
});

/** Supervisors (and admins) watch the floor and move conversations between people and queues. */
export default async function supervisionRoutes(app: FastifyInstance) {
  const supervisor = requireRole("supervisor");
  const tags = ["supervision"];

  app.get("/api/supervision/floor", { schema: { tags, response: { 200: Floor } }, onRequest: supervisor }, () =>
    floorView(app.store),
  );

  app.post(
    "/api/conversations/:id/assign",
    {
      schema: {
        tags,
        description:
          "Gives the conversation to a person (yourself: a takeover) or, with `to` null, back to its queue. `expected` is who you saw holding it (null: nobody); if someone moved it meanwhile, 409 MOVED_MEANWHILE says who has it now.",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
        body: Type.Object({ expected: Type.Union([PersonId, Type.Null()]), to: Type.Union([PersonId, Type.Null()]) }),
        response: { 200: Type.Object({}) },
      },
      onRequest: supervisor,
    },
    async (request) => {
      const body = request.body as { expected: string | null; to: string | null };
      await moveConversation({ store: app.store, live: app.live, outbox: app.outbox }, request.user!, {
        conversationId: (request.params as { id: string }).id,
        ...body,
      });
      return {};
    },
  );
}
