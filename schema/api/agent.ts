import { type Static, Type } from "@sinclair/typebox";
import { SLUG_PATTERN } from "../common.js";
import { DISPOSITION_CODES } from "./disposition.js";
import { HandoffReason, TranscriptEvent } from "./handoff.js";
import { Stored } from "./stored.js";

/* The agent console's conversations (`/api/conversations…`, `/api/queues/:id/claim|waiting`, `/api/canned-responses`). */

const Status = Type.String({
  description: "`bot`, `queued` (waiting in a queue), `agent` (with a person) or `closed`.",
});

export const MessageRole = Type.Union(
  [Type.Literal("customer"), Type.Literal("bot"), Type.Literal("agent"), Type.Literal("note"), Type.Literal("system")],
  { description: "Who wrote the line: `note` is an agent's note the customer never sees; `system` an event." },
);
export type MessageRole = Static<typeof MessageRole>;

const Millis = Type.Integer({ description: "Milliseconds since the epoch." });
const Reason = Stored(HandoffReason, "Why it went to a person, as facts (see HandoffReason); each console words it.");

export const ConversationParams = Type.Object({ id: Type.String({ format: "uuid" }) });
export type ConversationParams = Static<typeof ConversationParams>;

/** A queue named in a path where any id is looked up (claiming, listing its waiting cases). */
export const QueueRefParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export type QueueRefParams = Static<typeof QueueRefParams>;

/** The conversation row as stored: `state` and `pinned` are JSON texts. */
export const ConversationRow = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  address: Type.String({ description: "Where the customer writes from, in the channel's terms." }),
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  pinned: Type.String({ description: "JSON: `{flowId: version}` for every flow a jump can reach." }),
  state: Type.String({ description: "JSON: the engine's conversation state." }),
  status: Status,
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  createdAt: Millis,
  updatedAt: Millis,
});
export type ConversationRow = Static<typeof ConversationRow>;

export const Claimed = Type.Object({ conversation: ConversationRow });
export type Claimed = Static<typeof Claimed>;

/** Who the customer is, from what the bot collected: a name when it found one, else where they write from. */
export const CustomerIdentity = Type.Object({
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  address: Type.String(),
});
export type CustomerIdentity = Static<typeof CustomerIdentity>;

/** A conversation as lists show it: enough to know whom, why, how urgent, and whether they wrote since. */
export const ConversationSummary = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  status: Status,
  assignedTo: Type.Union([Type.String(), Type.Null()]),
  createdAt: Millis,
  updatedAt: Millis,
  customer: CustomerIdentity,
  lastMessage: Type.Union([
    Type.Object({
      role: Type.String({ description: "`customer`, `bot` or `agent`." }),
      text: Type.String({ description: "Its beginning." }),
      at: Millis,
    }),
    Type.Null(),
  ]),
  unanswered: Type.Integer({ minimum: 0, description: "Customer messages since the last answer they got." }),
  handoff: Type.Union([
    Type.Object({
      queue: Type.String(),
      priority: Type.String(),
      reason: Reason,
      slaDueAt: Millis,
      createdAt: Millis,
    }),
    Type.Null(),
  ]),
});
export type ConversationSummary = Static<typeof ConversationSummary>;

export const ConversationList = Type.Array(ConversationSummary);
export type ConversationList = Static<typeof ConversationList>;

export const ConversationListQuery = Type.Object({
  mine: Type.Optional(Type.String({ description: "`1`: only the conversations you hold." })),
});
export type ConversationListQuery = Static<typeof ConversationListQuery>;

/** One line of the transcript. */
export const TranscriptEntry = Type.Object({
  id: Type.Integer(),
  role: Type.String({ description: "As MessageRole: `customer`, `bot`, `agent`, `note` or `system`." }),
  text: Type.String(),
  author: Type.Optional(Type.String()),
  event: Type.Optional(
    Stored(TranscriptEvent, "What a system line records, as an event and its facts (see TranscriptEvent)."),
  ),
  attachments: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal("image"), Type.Literal("video"), Type.Literal("audio"), Type.Literal("file")]),
        mime: Type.Optional(Type.String()),
        caption: Type.Optional(Type.String()),
        fileName: Type.Optional(Type.String()),
        href: Type.String({ description: "The file through Relais (agents only): the provider's token stays here." }),
      }),
      { description: "The files the customer sent with this line." },
    ),
  ),
  at: Type.String({ format: "date-time" }),
});
export type TranscriptEntry = Static<typeof TranscriptEntry>;

/** What an agent may send on the channel. */
export const ChannelLimits = Type.Object({
  maxTextLength: Type.Integer(),
  buttons: Type.Integer(),
  media: Type.Boolean(),
  windowHours: Type.Optional(
    Type.Integer({
      description: "Hours after the customer's last message during which free text may be sent (WhatsApp: 24).",
    }),
  ),
});
export type ChannelLimits = Static<typeof ChannelLimits>;

export const ConversationDetail = Type.Object({
  conversation: ConversationRow,
  assignee: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()]),
  handoff: Type.Union([
    Type.Object({
      queue: Type.String(),
      priority: Type.String(),
      reason: Reason,
      summary: Type.Record(Type.String(), Type.Unknown(), { description: "Every variable the bot collected." }),
      note: Type.Union([Type.String(), Type.Null()]),
      slaDueAt: Type.String({ format: "date-time" }),
    }),
    Type.Null(),
  ]),
  transcript: Type.Array(TranscriptEntry),
  channel: Type.Object({ name: Type.String(), limits: ChannelLimits }),
  deliveryFailures: Type.Array(
    Type.Object({
      outboxId: Type.Integer(),
      text: Type.String(),
      attempts: Type.Integer(),
      error: Type.String(),
      failedAt: Type.String({ format: "date-time" }),
    }),
    { description: "Messages the channel never took, after every retry: the customer did not get them." },
  ),
});
export type ConversationDetail = Static<typeof ConversationDetail>;

const Text = Type.String({ minLength: 1, maxLength: 4000 });

export const ReplyBody = Type.Object({ text: Text });
export type ReplyBody = Static<typeof ReplyBody>;

export const TransferBody = Type.Object({
  queue: Type.String({ maxLength: 64 }),
  note: Type.String({ maxLength: 4000, description: "For the next person; may be empty." }),
});
export type TransferBody = Static<typeof TransferBody>;

export const ResolveBody = Type.Object({
  disposition: Type.String({ maxLength: 64, description: `How it ended, as a code: ${DISPOSITION_CODES.join(", ")}.` }),
});
export type ResolveBody = Static<typeof ResolveBody>;

export const ReleaseBody = Type.Object({
  nodeId: Type.String({ pattern: SLUG_PATTERN, maxLength: 64, description: "The step the bot resumes at." }),
});
export type ReleaseBody = Static<typeof ReleaseBody>;

/** What an action on a conversation answers when it is done. */
export const Done = Type.Object({});
export type Done = Static<typeof Done>;

export const CannedResponse = Type.Object(
  {
    id: Type.String({ pattern: "^[a-z0-9][a-z0-9-]*$", maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    text: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: "`{{ customer.firstName }}`-style paths over the collected variables, plus `agent.name`.",
    }),
    language: Type.Optional(
      Type.String({
        pattern: "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description:
          "The customers' language it is written in (`fr`, `en`): agents are offered those of the conversation's language. Without it, it is offered for every conversation.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CannedResponse = Static<typeof CannedResponse>;
