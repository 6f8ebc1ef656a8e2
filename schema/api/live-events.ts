import { type Static, Type } from "@sinclair/typebox";
import { MessageRole } from "./agent.js";

/*
 * What agent consoles hear over `GET /api/events` (server-sent events): each event's SSE name is
 * its `type`, its data the JSON of the whole event.
 */

const event = <T extends string, P extends Parameters<typeof Type.Object>[0]>(
  type: T,
  properties: P,
  description: string,
) => Type.Object({ type: Type.Literal(type), conversationId: Type.String(), ...properties }, { description });

export const LiveEvent = Type.Union(
  [
    event("handoff.created", { queue: Type.String(), priority: Type.String() }, "A case waits in a queue."),
    event(
      "conversation.message",
      {
        role: MessageRole,
        text: Type.String({ description: "Its beginning when the text is long: the transcript has the whole." }),
      },
      "A line joined the transcript.",
    ),
    event("conversation.transferred", { queue: Type.String() }, "An agent sent it to another queue."),
    event("conversation.claimed", { agentId: Type.String() }, "Someone took it."),
    event(
      "conversation.reassigned",
      {
        queue: Type.String(),
        from: Type.Union([Type.String(), Type.Null()]),
        to: Type.Union([Type.String(), Type.Null()], { description: "Null: back to its queue." }),
      },
      "A supervisor moved it.",
    ),
    event("conversation.closed", {}, "It ended."),
    event(
      "conversation.delivery_failed",
      { outboxId: Type.Integer(), attempts: Type.Integer(), error: Type.String() },
      "The channel never took a message, after every retry.",
    ),
    event(
      "conversation.delivery",
      {
        outboxId: Type.Integer(),
        status: Type.Union([
          Type.Literal("sent"),
          Type.Literal("delivered"),
          Type.Literal("read"),
          Type.Literal("failed"),
        ]),
        error: Type.Optional(Type.String()),
      },
      "A provider's report on a message it took: sent, delivered, read, or failed after all.",
    ),
  ],
  { description: "The agent console's event stream; it stays open. Each event is named by its `type`." },
);
export type LiveEvent = Static<typeof LiveEvent>;
export type LiveEventType = LiveEvent["type"];

/** What the page opening the event stream says of its person. */
export const LiveEventsQuery = Type.Object({
  present: Type.Optional(
    Type.Boolean({
      default: true,
      description:
        "Whether opening the stream counts its person as at their console (online for automatic assignment, see `GET /api/presence/me`). `false` from a page that only watches, such as supervision: a supervisor watching the floor is given no case they cannot see.",
    }),
  ),
});
export type LiveEventsQuery = Static<typeof LiveEventsQuery>;
