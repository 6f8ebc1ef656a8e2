import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { type ChannelAnswer, ConversationState, QueueNoticeTexts } from "../../schema/api/index.js";
import { notice } from "../channels/customer-notices.js";
import { numberWord } from "../channels/sms/number-words.js";
import type { BotMessage } from "../engine/types.js";
import type { Db, Store, Tables } from "../store/db.js";
import { fixedLimit } from "../store/fixed-limit.js";
import { readJson } from "../store/json-column.js";
import { prepared } from "../store/prepared.js";
import { answerInbox, type InboxRef } from "./step-writer.js";

/** The choice ids of the satisfaction buttons: `satisfaction:1` … `satisfaction:5`. */
const CHOICE_PREFIX = "satisfaction:";

/**
 * The score (1 to 5) a customer's message gives, or undefined when it is something else: a button
 * of the question, or a message that is only a score — "4", "4/5", "4 sur 5", "cinq", "five stars",
 * with any punctuation around. A sentence that merely contains a digit is not an answer.
 */
export function parseScore(answer: { text?: string; choiceId?: string }): number | undefined {
  if (answer.choiceId?.startsWith(CHOICE_PREFIX)) {
    const score = Number(answer.choiceId.slice(CHOICE_PREFIX.length));
    return Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
  }
  const words = (answer.text ?? "")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, " ")
    .trim()
    .match(/^([^\s/]+)(?: ?(?:\/|sur|out of|of) ?5)?(?: (?:etoiles?|stars?))?$/);
  const word = words?.[1];
  if (!word) return undefined;
  const score = /^[1-5]$/.test(word) ? Number(word) : numberWord(word);
  return score !== undefined && score <= 5 ? score : undefined;
}

/** The question with its five buttons where the channel shows buttons, as plain text elsewhere. */
export function satisfactionQuestion(language: string, own: QueueNoticeTexts, buttons: boolean): BotMessage {
  return {
    nodeId: "notice:satisfaction",
    text: notice("satisfaction", language, {}, own),
    ...(buttons ? { choices: [1, 2, 3, 4, 5].map((n) => ({ id: `${CHOICE_PREFIX}${n}`, label: String(n) })) } : {}),
  };
}

/**
 * Asks the customer how satisfied they are, in the transaction resolving their conversation, when
 * its queue asks it: the question goes out after the "resolved" notice, and their next message is
 * read as the answer.
 */
export async function askSatisfaction(
  db: Db,
  tables: Tables,
  ask: { conversationId: string; queue: string; agentId: string; buttons: boolean; now: number },
): Promise<void> {
  const { conversations, messages, outbox, queues, satisfaction } = tables;
  const [queue] = await db.select().from(queues).where(eq(queues.id, ask.queue));
  if (queue?.satisfactionSurvey !== 1) return;
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, ask.conversationId));
  if (!conversation) return;
  const { language } = readJson(ConversationState, conversation.state, {
    table: "conversations",
    column: "state",
    id: conversation.id,
  });
  const own = readJson(QueueNoticeTexts, queue.noticeTexts, { table: "queues", column: "notice_texts", id: queue.id });
  const message = satisfactionQuestion(language, own, ask.buttons);
  await db.insert(satisfaction).values({
    conversationId: ask.conversationId,
    queue: ask.queue,
    agentId: ask.agentId,
    askedAt: ask.now,
  });
  await db.insert(messages).values({
    conversationId: ask.conversationId,
    role: "bot",
    text: message.text,
    payload: JSON.stringify(message),
    at: ask.now,
  });
  await db.insert(outbox).values({
    conversationId: ask.conversationId,
    channel: conversation.channel,
    address: conversation.address,
    message: JSON.stringify(message),
    createdAt: ask.now,
  });
}

/** The satisfaction question of the customer's last closed conversation, asked for every new one: prepared once. */
const lastQuestion = prepared((db, { conversations, satisfaction }) =>
  db
    .select({
      conversation: conversations,
      queue: satisfaction.queue,
      askedAt: satisfaction.askedAt,
      endedAt: satisfaction.endedAt,
    })
    .from(conversations)
    .innerJoin(satisfaction, eq(satisfaction.conversationId, conversations.id))
    .where(
      and(
        eq(conversations.channel, sql.placeholder("channel")),
        eq(conversations.flowId, sql.placeholder("flowId")),
        eq(conversations.address, sql.placeholder("address")),
        eq(conversations.status, "closed"),
      ),
    )
    .orderBy(desc(satisfaction.askedAt))
    .limit(fixedLimit(1)),
);

/** How long after the satisfaction question a score is still taken as its answer. */
const ANSWER_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Reads a customer's message as the answer to the satisfaction question of their last conversation,
 * when one is still open and was asked less than {@link ANSWER_WINDOW_MS} ago. A score is recorded
 * with the message and a thank-you in that conversation's transcript, and the message goes no further
 * (the bot does not see it): the answer is returned. Anything else, a late score included, ends the
 * question without a score and returns undefined, to be processed as usual.
 */
export async function takeSatisfactionAnswer(
  store: Store,
  row: InboxRef,
  payload: { text?: string; choiceId?: string },
  pushed: boolean,
  now: number,
): Promise<{ answer: ChannelAnswer; conversationId: string } | undefined> {
  const { conversations, outbox, queues, satisfaction } = store.tables;
  const [pending] = await store.read((db) =>
    lastQuestion(store, db, { channel: row.channel, flowId: row.flowId, address: row.address }),
  );
  if (!pending || pending.endedAt !== null) return undefined;
  const { conversation } = pending;
  // A bare "5" a day or more later begins something new (a choice, a quantity), not a score.
  const score = now - pending.askedAt < ANSWER_WINDOW_MS ? parseScore(payload) : undefined;
  const open = and(eq(satisfaction.conversationId, conversation.id), isNull(satisfaction.endedAt));
  if (score === undefined) {
    await store.tx((db) => db.update(satisfaction).set({ endedAt: now }).where(open));
    return undefined;
  }
  const { language } = readJson(ConversationState, conversation.state, {
    table: "conversations",
    column: "state",
    id: conversation.id,
  });
  const [queue] = await store.read((db) => db.select().from(queues).where(eq(queues.id, pending.queue)));
  const own = queue
    ? readJson(QueueNoticeTexts, queue.noticeTexts, { table: "queues", column: "notice_texts", id: queue.id })
    : {};
  const thanks: BotMessage = {
    nodeId: "notice:satisfactionThanks",
    text: notice("satisfactionThanks", language, {}, own),
  };
  const answer: ChannelAnswer = { conversationId: conversation.id, replies: pushed ? [] : [thanks], status: "closed" };
  await store.tx(async (db) => {
    await db.update(satisfaction).set({ score, endedAt: now }).where(open);
    // The thanks is the answer to a retry only where it is the answer (see `answerInbox`).
    const replyTo = pushed ? null : row.externalId;
    await writeLines(db, store.tables, conversation.id, payload.text ?? String(score), thanks, replyTo, now);
    if (pushed) {
      await db.insert(outbox).values({
        conversationId: conversation.id,
        channel: conversation.channel,
        address: conversation.address,
        message: JSON.stringify(thanks),
        createdAt: now,
      });
    }
    await db.update(conversations).set({ updatedAt: now }).where(eq(conversations.id, conversation.id));
    await answerInbox(db, store, row, answer, conversation.id, now);
  });
  return { answer, conversationId: conversation.id };
}

async function writeLines(
  db: Db,
  tables: Tables,
  conversationId: string,
  said: string,
  thanks: BotMessage,
  replyTo: string | null,
  at: number,
) {
  const { messages } = tables;
  const { text, ...rest } = thanks;
  await db.insert(messages).values({ conversationId, role: "customer", text: said, payload: null, at });
  await db.insert(messages).values({ conversationId, role: "bot", text, payload: JSON.stringify(rest), replyTo, at });
}
