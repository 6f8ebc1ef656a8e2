import { type Static, Type } from "@sinclair/typebox";
import { Role } from "./auth.js";

/* Supervisors watch the floor and move conversations (`/api/supervision/floor`, `/api/conversations/:id/assign`). */

export const HeldConversation = Type.Object({
  conversationId: Type.String(),
  queue: Type.String(),
  priority: Type.String(),
  heldSeconds: Type.Integer({ description: "Since the person took it." }),
  waitedSeconds: Type.Integer({ description: "How long the customer waited before that." }),
});
export type HeldConversation = Static<typeof HeldConversation>;

/** A person at work as supervisors see them. */
export const FloorPerson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: Role,
  queues: Type.Array(Type.String(), { description: "The queues they work; empty means every queue." }),
  holding: Type.Array(HeldConversation),
});
export type FloorPerson = Static<typeof FloorPerson>;

export const Floor = Type.Object({
  at: Type.String({ format: "date-time" }),
  people: Type.Array(FloorPerson),
});
export type Floor = Static<typeof Floor>;

const PersonId = Type.String({ format: "uuid" });

export const AssignBody = Type.Object({
  expected: Type.Union([PersonId, Type.Null()], {
    description: "Who you saw holding it (null: nobody, it was waiting).",
  }),
  to: Type.Union([PersonId, Type.Null()], { description: "A person (yourself: a takeover); null: back to its queue." }),
  force: Type.Optional(
    Type.Boolean({
      description:
        "Give it to the person even when they already hold as many conversations as the queue's capacity (otherwise 409 AGENT_FULL).",
    }),
  ),
});
export type AssignBody = Static<typeof AssignBody>;
