import type {
  CannedResponse,
  Claimed,
  ConversationDetail,
  ConversationList,
  Done,
  Floor,
  FlowVersionContent,
  MessageDelivery,
  MyQueues,
  QueueSummary,
} from "../../../schema/api/index.js";
import { call } from "../api.js";

export type {
  CannedResponse,
  ConversationDetail,
  ConversationRow,
  ConversationSummary,
  FloorPerson,
  QueueSummary,
  TranscriptEntry,
} from "../../../schema/api/index.js";

const conversation = (id: string, action: string) => `/api/conversations/${encodeURIComponent(id)}/${action}`;

/** The agent console's calls, typed by the runtime's contract (schema/api/agent.ts, supervision.ts). */
export const agentApi = {
  queues: () => call<QueueSummary[]>("GET", "/api/queues"),
  myQueues: () => call<MyQueues>("GET", "/api/users/me/queues"),
  /** Undefined when nobody waits (204). */
  claim: (queueId: string) => call<Claimed | undefined>("POST", `/api/queues/${encodeURIComponent(queueId)}/claim`),
  mine: () => call<ConversationList>("GET", "/api/conversations?mine=1"),
  waiting: (queueId: string) => call<ConversationList>("GET", `/api/queues/${encodeURIComponent(queueId)}/waiting`),
  /** Takes this waiting case; 409 NOT_WAITING when someone was faster. */
  pick: (id: string) => call<Claimed>("POST", conversation(id, "pick")),
  detail: (id: string) => call<ConversationDetail>("GET", `/api/conversations/${encodeURIComponent(id)}`),
  deliveries: (id: string) => call<MessageDelivery[]>("GET", `/api/conversations/${encodeURIComponent(id)}/deliveries`),
  reply: (id: string, text: string) => call<Done>("POST", conversation(id, "reply"), { text }),
  note: (id: string, text: string) => call<Done>("POST", conversation(id, "note"), { text }),
  transfer: (id: string, queue: string, note: string) =>
    call<Done>("POST", conversation(id, "transfer"), { queue, note }),
  resolve: (id: string, disposition: string) => call<Done>("POST", conversation(id, "resolve"), { disposition }),
  release: (id: string, nodeId: string) => call<Done>("POST", conversation(id, "release"), { nodeId }),
  floor: () => call<Floor>("GET", "/api/supervision/floor"),
  /** To a person (yourself: a takeover) or, `to` null, back to the queue; `expected` is who you saw holding it. */
  assign: (id: string, expected: string | null, to: string | null, force = false) =>
    call<Done>("POST", conversation(id, "assign"), { expected, to, ...(force ? { force } : {}) }),
  canned: () => call<CannedResponse[]>("GET", "/api/canned-responses"),
  /** The flow version a conversation is pinned to, for the node picker. */
  flowVersion: (flowId: string, version: number) =>
    call<FlowVersionContent>("GET", `/api/flows/${encodeURIComponent(flowId)}/versions/${version}`),
};
