import { type Static, Type } from "@sinclair/typebox";
import { CustomerIdentity } from "./agent.js";
import { ConversationStatus } from "./channels.js";
import { HandoffReason } from "./handoff.js";

/** What a search may ask; every field narrows the results, none is required. */
export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        "Words to find anywhere: the customer's name, e-mail, phone, an order number, what anyone wrote. Taken as plain words: quotes, `*`, `OR`, `NEAR` or SQL mean nothing special.",
    }),
  ),
  status: Type.Optional(ConversationStatus),
  queue: Type.Optional(Type.String({ maxLength: 64 })),
  agent: Type.Optional(Type.String({ maxLength: 64, description: "The id of the person who holds or last held it." })),
  channel: Type.Optional(Type.String({ maxLength: 32 })),
  from: Type.Optional(Type.String({ format: "date", description: "Started on or after this day (UTC)." })),
  to: Type.Optional(Type.String({ format: "date", description: "Started on or before this day (UTC)." })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** A conversation found: whom, where, where it stands, its last line, its handoff. Times in epoch ms. */
export const SearchHit = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  status: ConversationStatus,
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  agentName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
  customer: CustomerIdentity,
  lastMessage: Type.Union([
    Type.Object({
      role: Type.Union([
        Type.Literal("customer"),
        Type.Literal("bot"),
        Type.Literal("agent"),
        Type.Literal("note"),
        Type.Literal("system"),
      ]),
      text: Type.String(),
      at: Type.Number(),
    }),
    Type.Null(),
  ]),
  unanswered: Type.Integer(),
  handoff: Type.Union([
    Type.Object({
      queue: Type.String(),
      priority: Type.String(),
      reason: HandoffReason,
      slaDueAt: Type.Number(),
      createdAt: Type.Number(),
    }),
    Type.Null(),
  ]),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchResults = Type.Object({
  results: Type.Array(SearchHit),
  /** True when more conversations matched than `limit`: narrow the search to see them. */
  more: Type.Boolean(),
});
export type SearchResults = Static<typeof SearchResults>;

/** A customer's whole history: every conversation found for the same e-mail, phone or address, on every channel. */
export const CustomerHistory = Type.Object({
  customer: CustomerIdentity,
  conversations: Type.Array(
    Type.Object({
      conversation: SearchHit,
      /** Everything the bot collected in it, as the flow named it. */
      collected: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});
export type CustomerHistory = Static<typeof CustomerHistory>;

export const ConversationIdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
export type ConversationIdParams = Static<typeof ConversationIdParams>;
