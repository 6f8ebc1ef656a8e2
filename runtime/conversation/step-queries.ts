import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db, Store, Tables } from "../store/db.js";
import { fixedLimit } from "../store/fixed-limit.js";
import { prepared, preparedRows } from "../store/prepared.js";

/** The queries of one customer message, from the inbox to the answer: prepared once (see `prepared`). */
const p = sql.placeholder;
/** A placeholder where drizzle's types take only SQL (the values of an update's `set`). */
const v = (name: string) => sql`${p(name)}`;

/** The values of a received message's inbox row, from the placeholders of their names. */
const received = {
  channel: p("channel"),
  externalId: p("externalId"),
  flowId: p("flowId"),
  address: p("address"),
  payload: p("payload"),
  receivedAt: p("receivedAt"),
};

export const insertInbox = prepared((db, { inbox }) =>
  db
    .insert(inbox)
    .values(received)
    .onConflictDoNothing({ target: [inbox.channel, inbox.address, inbox.externalId] })
    .returning({ id: inbox.id }),
);

/** A message's inbox row written with its answer, in its step's transaction (see `answerInbox`). */
export const insertAnswered = prepared((db, { inbox }) =>
  db
    .insert(inbox)
    .values({ ...received, processedAt: p("now"), conversationId: p("conversationId"), result: p("result") }),
);

/** The row of one message of an address (the unique index `inbox_channel_address_external`). */
const sameMessage = (inbox: Tables["inbox"]) =>
  and(eq(inbox.channel, p("channel")), eq(inbox.address, p("address")), eq(inbox.externalId, p("externalId")));

/** An address's rows not processed and not set aside (the partial index `inbox_pending_address`). */
const waiting = (inbox: Tables["inbox"]) =>
  and(
    eq(inbox.channel, p("channel")),
    eq(inbox.flowId, p("flowId")),
    eq(inbox.address, p("address")),
    isNull(inbox.processedAt),
    isNull(inbox.deadAt),
  );

export const inboxByExternalId = prepared((db, { inbox }) => db.select().from(inbox).where(sameMessage(inbox)));

export const inboxAnswer = prepared((db, { inbox }) =>
  db
    .select({ result: inbox.result, externalId: inbox.externalId, processedAt: inbox.processedAt })
    .from(inbox)
    .where(eq(inbox.id, p("id"))),
);

/**
 * The bot lines of a conversation that reply to one message of its customer, in order (see `answerInbox`):
 * written by its step, at the instant its inbox row was answered. A message id may come again once its
 * row is pruned; the lines answering the earlier message bear another instant.
 */
export const repliesTo = prepared((db, { messages }) =>
  db
    .select({ id: messages.id, text: messages.text, payload: messages.payload })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, p("conversationId")),
        eq(messages.replyTo, p("replyTo")),
        eq(messages.at, p("at")),
      ),
    )
    .orderBy(messages.id),
);

/**
 * The address's unprocessed rows, in no order: a customer has few in flight, and asking SQLite for the
 * oldest sorted them in a temporary B-tree at every message; {@link oldest} picks it.
 */
export const pendingOf = prepared((db, { inbox }) => db.select().from(inbox).where(waiting(inbox)));

/**
 * The rows that keep a new message of an address from being processed at once: the address's rows
 * waiting, or the message itself already received. Each half reads its own index.
 */
export const waitingOrSameQuery = (db: Db, { inbox }: Tables) =>
  db
    .select({ id: inbox.id })
    .from(inbox)
    .where(waiting(inbox))
    .unionAll(db.select({ id: inbox.id }).from(inbox).where(sameMessage(inbox)));
export const waitingOrSame = prepared(waitingOrSameQuery);

/** The row received first (the lowest id), if any. */
export const oldest = <T extends { id: number }>(rows: readonly T[]): T | undefined =>
  rows.reduce<T | undefined>((first, row) => (first && first.id < row.id ? first : row), undefined);

export const markDone = prepared((db, { inbox }) =>
  db
    .update(inbox)
    .set({ processedAt: v("now"), conversationId: v("conversationId"), result: v("result"), payload: v("payload") })
    .where(eq(inbox.id, p("id"))),
);

/** The address's conversation not closed (the index `conversations_address`). */
export const active = (conversations: Tables["conversations"]) =>
  and(
    eq(conversations.channel, p("channel")),
    eq(conversations.flowId, p("flowId")),
    eq(conversations.address, p("address")),
    ne(conversations.status, "closed"),
  );

export const activeConversation = prepared((db, { conversations }) =>
  db.select().from(conversations).where(active(conversations)).limit(fixedLimit(1)),
);

export const insertConversation = prepared((db, { conversations }) =>
  db.insert(conversations).values({
    id: p("id"),
    channel: p("channel"),
    address: p("address"),
    flowId: p("flowId"),
    flowVersion: p("flowVersion"),
    pinned: p("pinned"),
    state: p("state"),
    status: p("status"),
    assignedTo: null,
    createdAt: p("now"),
    updatedAt: p("now"),
  }),
);

export const updateConversation = prepared((db, { conversations }) =>
  db
    .update(conversations)
    .set({ state: v("state"), status: v("status"), assignedTo: null, updatedAt: v("now") })
    .where(eq(conversations.id, p("id"))),
);

export const touchConversation = prepared((db, { conversations }) =>
  db
    .update(conversations)
    .set({ updatedAt: v("now") })
    .where(eq(conversations.id, p("id"))),
);

export const insertMessages = preparedRows("messages", ["conversationId", "role", "text", "payload", "replyTo", "at"]);

export const insertMessage = (store: Store, db: Db, message: Parameters<typeof insertMessages>[2][number]) =>
  insertMessages(store, db, [message]);
