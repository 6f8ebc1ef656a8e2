import type { HandoffReason, MessageDelivery, TranscriptEvent } from "../../../schema/api/index.js";
import type { Flow } from "../../../schema/index.js";
import { call, type User } from "../api.js";

export interface QueueSummary {
  id: string;
  name: string;
  level: number;
  waiting: number;
  oldestWaitSeconds: number;
  open: boolean;
  opensAt?: string;
  slaMinutes: number;
  /** The queue's IANA time zone: opening times are shown in it, as customers were told. */
  timezone: string;
  /** When the most pressing waiting case breaches its SLA. */
  slaDueAt?: string;
}

/** A conversation as lists show it (runtime/queue/conversation-list.ts). */
export interface ConversationSummary {
  id: string;
  channel: string;
  flowId: string;
  flowVersion: number;
  status: "bot" | "queued" | "agent" | "closed";
  assignedTo: string | null;
  createdAt: number;
  updatedAt: number;
  customer: { name: string | null; email: string | null; phone: string | null; address: string };
  lastMessage: { role: TranscriptEntry["role"]; text: string; at: number } | null;
  /** Customer messages since the last answer they got. */
  unanswered: number;
  handoff: { queue: string; priority: string; reason: HandoffReason; slaDueAt: number; createdAt: number } | null;
}

/** The conversation row as stored: `state` and `pinned` are JSON texts. */
export interface ConversationRow
  extends Pick<
    ConversationSummary,
    "id" | "channel" | "flowId" | "flowVersion" | "status" | "assignedTo" | "createdAt" | "updatedAt"
  > {
  address: string;
  pinned: string;
  state: string;
}

export interface TranscriptEntry {
  id: number;
  role: "customer" | "bot" | "agent" | "note" | "system";
  text: string;
  author?: string;
  /** What a system entry records, worded in the agent's language. */
  event?: TranscriptEvent;
  at: string;
}

export interface ChannelLimits {
  maxTextLength: number;
  buttons: number;
  media: boolean;
  /** Hours after the customer's last message during which free text may be sent (WhatsApp: 24). */
  windowHours?: number;
}

export interface ConversationDetail {
  conversation: ConversationRow;
  assignee: { id: string; name: string; email: string } | null;
  handoff: {
    queue: string;
    priority: string;
    reason: HandoffReason;
    summary: Record<string, unknown>;
    note: string | null;
    slaDueAt: string;
  } | null;
  transcript: TranscriptEntry[];
  channel: { name: string; limits: ChannelLimits };
  /** Messages the channel never took, after every retry. */
  deliveryFailures: { outboxId: number; text: string; attempts: number; error: string; failedAt: string }[];
}

/** A person at work as supervisors see them (GET /api/supervision/floor). */
export interface FloorPerson {
  id: string;
  name: string;
  role: User["role"];
  queues: string[];
  holding: { conversationId: string; queue: string; priority: string; heldSeconds: number; waitedSeconds: number }[];
}

export interface CannedResponse {
  id: string;
  title: string;
  text: string;
}

const conversation = (id: string, action: string) => `/api/conversations/${encodeURIComponent(id)}/${action}`;

export const agentApi = {
  queues: () => call<QueueSummary[]>("GET", "/api/queues"),
  myQueues: () => call<{ queues: string[] }>("GET", "/api/users/me/queues"),
  /** Undefined when nobody waits (204). */
  claim: (queueId: string) =>
    call<{ conversation: ConversationRow } | undefined>("POST", `/api/queues/${encodeURIComponent(queueId)}/claim`),
  mine: () => call<ConversationSummary[]>("GET", "/api/conversations?mine=1"),
  waiting: (queueId: string) =>
    call<ConversationSummary[]>("GET", `/api/queues/${encodeURIComponent(queueId)}/waiting`),
  /** Takes this waiting case; 409 NOT_WAITING when someone was faster. */
  pick: (id: string) => call<{ conversation: ConversationRow }>("POST", conversation(id, "pick")),
  detail: (id: string) => call<ConversationDetail>("GET", `/api/conversations/${encodeURIComponent(id)}`),
  deliveries: (id: string) => call<MessageDelivery[]>("GET", `/api/conversations/${encodeURIComponent(id)}/deliveries`),
  reply: (id: string, text: string) => call<void>("POST", conversation(id, "reply"), { text }),
  note: (id: string, text: string) => call<void>("POST", conversation(id, "note"), { text }),
  transfer: (id: string, queue: string, note: string) =>
    call<void>("POST", conversation(id, "transfer"), { queue, note }),
  resolve: (id: string, disposition: string) => call<void>("POST", conversation(id, "resolve"), { disposition }),
  release: (id: string, nodeId: string) => call<void>("POST", conversation(id, "release"), { nodeId }),
  floor: () => call<{ at: string; people: FloorPerson[] }>("GET", "/api/supervision/floor"),
  /** To a person (yourself: a takeover) or, `to` null, back to the queue; `expected` is who you saw holding it. */
  assign: (id: string, expected: string | null, to: string | null) =>
    call<void>("POST", conversation(id, "assign"), { expected, to }),
  canned: () => call<CannedResponse[]>("GET", "/api/canned-responses"),
  /** The flow version a conversation is pinned to, for the node picker. */
  flowVersion: (flowId: string, version: number) =>
    call<{ flow: Flow }>("GET", `/api/flows/${encodeURIComponent(flowId)}/versions/${version}`),
};
