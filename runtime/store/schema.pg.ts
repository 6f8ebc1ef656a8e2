import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import {
  CONVERSATION_STATUSES,
  COUNT_KINDS,
  CREDENTIAL_KINDS,
  DELIVERY_STATUSES,
  MESSAGE_ROLES,
  OUTCOMES,
  PRIORITIES,
  USER_ROLES,
} from "./enums.js";

/*
 * The PostgreSQL tables, the same shapes as `schema.sqlite.ts`: times are epoch
 * milliseconds, JSON is text and flags are 0/1 integers in both, so one repository serves both.
 */

export const flowVersions = pgTable(
  "flow_versions",
  {
    flowId: text("flow_id").notNull(),
    version: integer("version").notNull(),
    hash: text("hash").notNull(),
    flow: text("flow").notNull(),
    layout: text("layout"),
    author: text("author").notNull(),
    note: text("note").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("flow_versions_flow_version").on(t.flowId, t.version)],
);

/**
 * Trained intent models by the content hash of what they learnt (language and examples), so a
 * published version's models survive a restart and identical examples are trained once.
 */
export const nluModels = pgTable("nlu_models", {
  key: text("key").primaryKey(),
  language: text("language").notNull(),
  model: text("model").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

export const liveFlows = pgTable("live_flows", {
  flowId: text("flow_id").primaryKey(),
  version: integer("version").notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

export const conversations = pgTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    channel: text("channel").notNull(),
    address: text("address").notNull(),
    flowId: text("flow_id").notNull(),
    flowVersion: integer("flow_version").notNull(),
    /** `{flowId: version}` for every flow a jump can reach, fixed at start. */
    pinned: text("pinned").notNull(),
    state: text("state").notNull(),
    status: text("status", { enum: CONVERSATION_STATUSES }).notNull(),
    assignedTo: text("assigned_to"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("conversations_address").on(t.channel, t.flowId, t.address, t.status),
    // Retention finds the conversations idle for longest.
    index("conversations_updated").on(t.updatedAt),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: serial("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    role: text("role", { enum: MESSAGE_ROLES }).notNull(),
    text: text("text").notNull(),
    author: text("author"),
    payload: text("payload"),
    /**
     * On a bot line, the channel's id of the customer message whose step wrote it: the inbox row of that
     * message refers to its answer's lines by it, rather than holding their text again.
     */
    replyTo: text("reply_to"),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [index("messages_conversation").on(t.conversationId, t.id)],
);

export const inbox = pgTable(
  "inbox",
  {
    id: serial("id").primaryKey(),
    channel: text("channel").notNull(),
    externalId: text("external_id").notNull(),
    flowId: text("flow_id").notNull(),
    address: text("address").notNull(),
    payload: text("payload").notNull(),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    processedAt: bigint("processed_at", { mode: "number" }),
    conversationId: text("conversation_id"),
    result: text("result"),
    /** Failed processing attempts; after a few the row is set aside (`deadAt`) so its sender goes on. */
    attempts: integer("attempts").notNull().default(0),
    /** The last processing failure, for operators; never shown to customers. */
    error: text("error"),
    deadAt: bigint("dead_at", { mode: "number" }),
  },
  (t) => [
    // A message id is the sender's own: two customers may both send "42" (dedupe must never cross them).
    uniqueIndex("inbox_channel_address_external").on(t.channel, t.address, t.externalId),
    index("inbox_pending").on(t.processedAt, t.id),
    // A customer's messages not yet processed, read at every message: the rows of the address that
    // wait, not its whole history, which the unique index above would walk.
    index("inbox_pending_address")
      .on(t.channel, t.flowId, t.address)
      .where(sql`${t.processedAt} is null and ${t.deadAt} is null`),
  ],
);

export const outbox = pgTable(
  "outbox",
  {
    id: serial("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    channel: text("channel").notNull(),
    address: text("address").notNull(),
    message: text("message").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    sentAt: bigint("sent_at", { mode: "number" }),
    attempts: integer("attempts").notNull().default(0),
    /**
     * When to try again after a failed send; null: at the next round. On PostgreSQL also until when the
     * process sending it keeps it (see the outbox's lease).
     */
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }),
    /** Why the last send failed, shown to agents. */
    lastError: text("last_error"),
    /** Set when the outbox gave up (after the last attempt); the row is no longer sent. */
    failedAt: bigint("failed_at", { mode: "number" }),
  },
  (t) => [index("outbox_pending").on(t.sentAt, t.id), index("outbox_conversation").on(t.conversationId)],
);

/**
 * What a provider (WhatsApp, Messenger, Twilio) did with each message it took for an outbox row:
 * one row per provider message (a long reply may take several), found again by the provider's id
 * when its status webhook arrives. The status only moves forward.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: serial("id").primaryKey(),
    outboxId: integer("outbox_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    channel: text("channel").notNull(),
    /** Which of the row's provider messages this is, from 0; a retry sends only the parts not yet taken. */
    part: integer("part").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    error: text("error"),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("deliveries_provider_message").on(t.channel, t.providerMessageId),
    uniqueIndex("deliveries_outbox_part").on(t.outboxId, t.part),
    index("deliveries_conversation").on(t.conversationId),
  ],
);

export const handoffs = pgTable(
  "handoffs",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id").notNull(),
    queue: text("queue").notNull(),
    priority: text("priority", { enum: PRIORITIES }).notNull(),
    /** 0 urgent … 3 low, so claims order by it. */
    rank: integer("rank").notNull(),
    reason: text("reason").notNull(),
    summary: text("summary").notNull(),
    note: text("note"),
    slaDueAt: bigint("sla_due_at", { mode: "number" }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    claimedBy: text("claimed_by"),
    claimedAt: bigint("claimed_at", { mode: "number" }),
    closedAt: bigint("closed_at", { mode: "number" }),
    disposition: text("disposition"),
  },
  (t) => [
    index("handoffs_waiting").on(t.queue, t.claimedBy, t.closedAt, t.rank, t.createdAt),
    index("handoffs_conversation").on(t.conversationId),
  ],
);

/**
 * One searchable document per conversation, kept by the search indexer from the conversation, its
 * handoffs and transcript: who the customer is, where it stands, and `body`, every word to find it
 * by (names, e-mail, phone, order numbers and every collected value, every message). The full-text
 * index over `body` is the database's own (FTS5 on SQLite, a GIN index on PostgreSQL: migration
 * `search-fulltext`).
 */
export const conversationSearch = pgTable(
  "conversation_search",
  {
    id: serial("id").primaryKey(),
    conversationId: text("conversation_id").notNull().unique(),
    channel: text("channel").notNull(),
    address: text("address").notNull(),
    status: text("status").notNull(),
    /** The queue of its latest handoff; null if it never reached a person. */
    queue: text("queue"),
    /** Who holds it, or last held it. */
    agentId: text("agent_id"),
    customerName: text("customer_name"),
    email: text("email"),
    phone: text("phone"),
    body: text("body").notNull(),
    /** The newest transcript line and conversation change the document includes. */
    lastMessageId: integer("last_message_id").notNull(),
    conversationUpdatedAt: bigint("conversation_updated_at", { mode: "number" }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("conversation_search_email").on(t.email),
    index("conversation_search_phone").on(t.phone),
    index("conversation_search_created").on(t.createdAt),
    index("conversation_search_watermark").on(t.lastMessageId),
    index("conversation_search_updated").on(t.conversationUpdatedAt),
  ],
);

/**
 * How far the search index's catch-ups have gone, written by whichever process ran the last one, so
 * that the next, in this process or another, starts from there. Row `changes`: how far they looked at
 * conversations changed without a new message (a status, a claim), rather than from the documents'
 * newest change, which documents indexed for their messages move past changes not looked at yet. Row
 * `format-2`: the newest document still to rebuild in the current format (0 once all are).
 */
export const searchCatchUp = pgTable("search_catch_up", {
  /** What the row marks: `changes` or `format-2`. */
  mark: text("mark").primaryKey(),
  /** `changes`: conversations changed up to this time (ms) were looked at. `format-2`: a document id. */
  changesLookedAt: bigint("changes_looked_at", { mode: "number" }).notNull(),
});

export const queues = pgTable("queues", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  level: integer("level").notNull(),
  timezone: text("timezone").notNull(),
  hours: text("hours").notNull(),
  holidays: text("holidays").notNull(),
  slaMinutes: integer("sla_minutes").notNull(),
  outOfHoursText: text("out_of_hours_text").notNull(),
  /** JSON `{claimed|transferred|resolved|waiting: {language: text}}`: this queue's own words for Relais's notices to customers. */
  noticeTexts: text("notice_texts").notNull().default("{}"),
  /** 1 when customers are asked, once their case is resolved, how satisfied they are (1 to 5). */
  satisfactionSurvey: integer("satisfaction_survey").notNull().default(0),
});

/**
 * The satisfaction question asked when a conversation was resolved, and the customer's score (1 to 5)
 * against its queue and the person who resolved it. `endedAt` is set when they answered, or wrote
 * something else instead (then `score` stays null); while it is null their next message is read as an answer.
 */
export const satisfaction = pgTable(
  "satisfaction",
  {
    conversationId: text("conversation_id").primaryKey(),
    queue: text("queue").notNull(),
    agentId: text("agent_id"),
    askedAt: bigint("asked_at", { mode: "number" }).notNull(),
    score: integer("score"),
    endedAt: bigint("ended_at", { mode: "number" }),
  },
  (t) => [index("satisfaction_asked").on(t.askedAt)],
);

/**
 * Channel credentials an admin set in the "Canaux" page, which win over the environment's. The
 * plain fields are JSON; the secrets are one JSON object sealed with AES-256-GCM (`channels/secret-box.ts`).
 */
export const channelSettings = pgTable("channel_settings", {
  channel: text("channel").primaryKey(),
  enabled: integer("enabled").notNull(),
  flowId: text("flow_id").notNull(),
  settings: text("settings").notNull(),
  secrets: text("secrets").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
});

/** How a queue hands out its cases: by hand ("take next") or automatically, and to how many at once per person. */
export const queueRouting = pgTable("queue_routing", {
  queueId: text("queue_id").primaryKey(),
  /** `manual` or `automatic`. */
  mode: text("mode").notNull(),
  /** The most conversations a person holds at once before automatic assignment passes them by. */
  capacity: integer("capacity").notNull(),
  /** 1 when people may pick a case from the waiting list rather than take the next one. */
  allowPicking: integer("allow_picking").notNull(),
});

/**
 * What a person said about being at work: `available` or `away`. They are offline whatever they said
 * without a live session, or when no console of theirs said it was open lately (`seenAt`, touched
 * by its heartbeat). `lastAssignedAt` is touched by every automatic
 * assignment, which locks the row: two assignments to one person never count their load at the same time.
 */
export const agentPresence = pgTable("agent_presence", {
  userId: text("user_id").primaryKey(),
  status: text("status").notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  lastAssignedAt: bigint("last_assigned_at", { mode: "number" }).notNull().default(0),
  seenAt: bigint("seen_at", { mode: "number" }).notNull().default(0),
});

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: USER_ROLES }).notNull(),
  passwordHash: text("password_hash"),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
  /** JSON array of the queue ids an agent works; empty means every queue. */
  queues: text("queues").notNull().default("[]"),
  /** Set while an admin has closed the account: no login, no session, no token works. */
  disabledAt: bigint("disabled_at", { mode: "number" }),
});

/** Browser sessions, first-start login links and API tokens: a hashed secret that stands for a user. */
export const credentials = pgTable("credentials", {
  hash: text("hash").primaryKey(),
  kind: text("kind", { enum: CREDENTIAL_KINDS }).notNull(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id),
  name: text("name"),
  expiresAt: bigint("expires_at", { mode: "number" }),
  usedAt: bigint("used_at", { mode: "number" }),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

/**
 * One row per conversation for analytics: where it started, where the bot is, how it went. Node,
 * rule and flow ids and counts only (no message text, no collected value), so it outlives the
 * pruning of transcripts.
 */
export const analyticsConversations = pgTable(
  "analytics_conversations",
  {
    conversationId: text("conversation_id").primaryKey(),
    flowId: text("flow_id").notNull(),
    flowVersion: integer("flow_version").notNull(),
    /** UTC day of the start (days since 1970-01-01): a conversation counts in the period it started in. */
    day: integer("day").notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    lastCustomerAt: bigint("last_customer_at", { mode: "number" }).notNull(),
    customerMessages: integer("customer_messages").notNull(),
    /** `open` while with the bot, `contained` once it ended without a person, `handover` from its first handoff on. */
    outcome: text("outcome", { enum: OUTCOMES }).notNull(),
    /** When it ended or was first handed over. */
    endedAt: bigint("ended_at", { mode: "number" }),
    /** The node the bot is at (or left the conversation at), for drop-off. */
    atFlowId: text("at_flow_id"),
    atFlowVersion: integer("at_flow_version"),
    atNodeId: text("at_node_id"),
    /** JSON array of the node and transition keys it took, so each counts once per conversation. */
    path: text("path").notNull(),
    handoffRuleId: text("handoff_rule_id"),
    handoffRuleKind: text("handoff_rule_kind"),
    handoffFlowId: text("handoff_flow_id"),
    handoffFlowVersion: integer("handoff_flow_version"),
    handoffNodeId: text("handoff_node_id"),
  },
  // Covering indexes: the figures are read from them alone, never from the rows and their paths.
  (t) => [
    index("analytics_conversations_flow").on(
      t.flowId,
      t.flowVersion,
      t.day,
      t.outcome,
      t.customerMessages,
      t.startedAt,
      t.endedAt,
      t.lastCustomerAt,
    ),
    index("analytics_conversations_handoff").on(
      t.flowId,
      t.flowVersion,
      t.outcome,
      t.day,
      t.handoffRuleId,
      t.handoffRuleKind,
      t.handoffFlowId,
      t.handoffFlowVersion,
      t.handoffNodeId,
    ),
    index("analytics_conversations_at").on(t.atFlowId, t.atFlowVersion, t.outcome, t.day, t.lastCustomerAt, t.atNodeId),
    // A version's median time to resolution or to handoff is read in this order, without sorting its conversations.
    index("analytics_conversations_duration").on(
      t.flowId,
      t.flowVersion,
      t.outcome,
      sql`(${t.endedAt} - ${t.startedAt})`,
      t.day,
    ),
  ],
);

/**
 * Counts per flow version and start day of the conversations: `reach` (conversations that entered a
 * node), `edge` (that took a transition, keyed `from>handle`), `answers` and `misses` (customer
 * answers at a question or intent router, and those not understood).
 */
export const analyticsCounts = pgTable(
  "analytics_counts",
  {
    flowId: text("flow_id").notNull(),
    flowVersion: integer("flow_version").notNull(),
    day: integer("day").notNull(),
    kind: text("kind", { enum: COUNT_KINDS }).notNull(),
    key: text("key").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [uniqueIndex("analytics_counts_key").on(t.flowId, t.flowVersion, t.day, t.kind, t.key)],
);

/**
 * What bot steps add to `analytics_counts`, one row per increment, only ever inserted: no row is
 * shared between conversations, so steps on several processes never wait for each other's counts.
 * A background folder adds them into `analytics_counts` and deletes them; reads add those not folded yet.
 */
export const analyticsDeltas = pgTable("analytics_deltas", {
  id: serial("id").primaryKey(),
  flowId: text("flow_id").notNull(),
  flowVersion: integer("flow_version").notNull(),
  day: integer("day").notNull(),
  kind: text("kind", { enum: COUNT_KINDS }).notNull(),
  key: text("key").notNull(),
  count: integer("count").notNull(),
});

export const crmCustomers = pgTable("crm_customers", {
  id: text("id").primaryKey(),
  number: text("number").notNull().unique(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  email: text("email").notNull().unique(),
  phone: text("phone").notNull(),
  tier: text("tier").notNull(),
});

export const crmOrders = pgTable("crm_orders", {
  number: text("number").primaryKey(),
  customerId: text("customer_id")
    .notNull()
    .references(() => crmCustomers.id),
  status: text("status").notNull(),
  statusLabel: text("status_label").notNull(),
  total: text("total").notNull(),
  currency: text("currency").notNull(),
  deliveryDate: text("delivery_date").notNull(),
  dispute: integer("dispute").notNull(),
});
