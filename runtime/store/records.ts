import type * as tables from "./schema.sqlite.js";

/*
 * The rows of the tables as the repository reads and writes them, inferred from the drizzle tables
 * (the SQLite ones, which `schema.pg.ts` matches column for column): never written by hand.
 */
export type ConversationRow = typeof tables.conversations.$inferSelect;
export type InboxRow = typeof tables.inbox.$inferSelect;
/** An inbox row's values as its message is received, before anything processes it. */
export type ReceivedInboxRow = Pick<
  InboxRow,
  "channel" | "externalId" | "flowId" | "address" | "payload" | "receivedAt"
>;
export type HandoffRow = typeof tables.handoffs.$inferSelect;
export type NewHandoffRow = typeof tables.handoffs.$inferInsert;
export type MessageRow = typeof tables.messages.$inferSelect;
export type OutboxRow = typeof tables.outbox.$inferSelect;
export type UserRow = typeof tables.users.$inferSelect;
export type QueueRow = typeof tables.queues.$inferSelect;
export type FlowVersionRow = typeof tables.flowVersions.$inferSelect;
export type AnalyticsConversationRow = typeof tables.analyticsConversations.$inferSelect;
