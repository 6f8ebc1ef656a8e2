import { and, desc, eq, gte } from "drizzle-orm";
import {
  ConversationState,
  DEFAULT_NOTICES,
  type NoticeKey,
  type QueueNoticeKey,
  QueueNoticeTexts,
  type QueueSettings,
} from "../../schema/api/index.js";
import { describeOpening, openState } from "../conversation/business-hours.js";
import { localize } from "../conversation/localize.js";
import type { BotMessage } from "../engine/types.js";
import type { Db, Tables } from "../store/db.js";
import { readJson } from "../store/json-column.js";

/**
 * A notice in the conversation's language (French when it has none): the queue's own words when it
 * has some for that language, the default otherwise, with `{{name}}` placeholders filled in.
 */
export function notice(
  key: NoticeKey,
  language: string,
  values: Record<string, string> = {},
  own: QueueNoticeTexts = {},
): string {
  const lang = language || "fr";
  const texts = key in own ? own[key as QueueNoticeKey] : undefined;
  const custom = (texts?.[lang] ?? texts?.[lang.slice(0, 2)])?.trim();
  let text: string = custom || localize(DEFAULT_NOTICES[key], lang);
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{{${name}}}`, value);
  return text;
}

/** The transcript line for a message Relais could not read, so the agent knows something came. */
export const unreadableLine = (type: string) => `[${type}]`;

/** A person's first name, as customers are told it ("Camille Martin" → "Camille"). */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

/**
 * Writes a notice for the customer in the transcript and the outbox, inside the caller's
 * transaction, so it goes out with the change it tells of or not at all.
 */
export async function writeNotice(
  db: Db,
  tables: Tables,
  conversationId: string,
  key: Exclude<NoticeKey, "unreadable" | "waiting">,
  values: Record<string, string>,
  now: number,
): Promise<void> {
  const { conversations, messages, outbox } = tables;
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!conversation) return;
  const { language } = readJson(ConversationState, conversation.state, {
    table: "conversations",
    column: "state",
    id: conversation.id,
  });
  const message: BotMessage = {
    nodeId: `notice:${key}`,
    text: notice(key, language, values, await handoffQueueTexts(db, tables, conversationId)),
  };
  await db
    .insert(messages)
    .values({ conversationId, role: "bot", text: message.text, payload: JSON.stringify(message), at: now });
  await db.insert(outbox).values({
    conversationId,
    channel: conversation.channel,
    address: conversation.address,
    message: JSON.stringify(message),
    createdAt: now,
  });
}

/** The notice texts of the queue the conversation was last handed to (the one claiming, receiving or resolving it). */
async function handoffQueueTexts(db: Db, tables: Tables, conversationId: string): Promise<QueueNoticeTexts> {
  const { handoffs, queues } = tables;
  const [row] = await db
    .select({ id: queues.id, texts: queues.noticeTexts })
    .from(handoffs)
    .innerJoin(queues, eq(queues.id, handoffs.queue))
    .where(eq(handoffs.conversationId, conversationId))
    .orderBy(desc(handoffs.createdAt))
    .limit(1);
  return row ? readJson(QueueNoticeTexts, row.texts, { table: "queues", column: "notice_texts", id: row.id }) : {};
}

/**
 * What a customer writing while their case waits is told, once per wait: the usual wait while the
 * queue is open, when people are back while it is closed. Undefined when they were told already.
 */
export async function waitingNotice(
  db: Db,
  tables: Tables,
  conversationId: string,
  queue: QueueSettings | undefined,
  waitingSince: number,
  language: string,
  now: number,
): Promise<BotMessage | undefined> {
  const { messages } = tables;
  const told = await db
    .select({ payload: messages.payload })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.role, "bot"), gte(messages.at, waitingSince)))
    .orderBy(desc(messages.id));
  if (told.some((row) => row.payload?.includes('"nodeId":"notice:waiting"'))) return undefined;
  if (!queue) return { nodeId: "notice:waiting", text: notice("waiting", language, { minutes: "30" }) };
  const state = openState(queue, new Date(now));
  if (state.open) {
    return {
      nodeId: "notice:waiting",
      text: notice("waiting", language, { minutes: String(queue.slaMinutes) }, queue.noticeTexts),
    };
  }
  const opensAt = state.opensAt
    ? describeOpening(state.opensAt, queue.timezone, language)
    : language.startsWith("fr")
      ? "dès que possible"
      : "as soon as possible";
  return {
    nodeId: "notice:waiting",
    text: localize(queue.outOfHoursText, language).replaceAll("{{opensAt}}", opensAt),
  };
}
