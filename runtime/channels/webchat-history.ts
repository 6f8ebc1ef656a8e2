import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { BotMessage, ConversationStatus, WebchatHistory, WebchatHistoryEntry } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { BotPayload, CustomerPayload } from "../store/json-columns.js";

/**
 * What a web chat visitor sees again when they come back (a reload, the next day): their latest
 * conversation as they saw it, without agents' notes or Relais's own system lines. The buttons of
 * the bot's last message stay usable while the bot still waits for them.
 */
export async function webchatHistory(store: Store, flowId: string, session: string): Promise<WebchatHistory> {
  const { conversations, messages } = store.tables;
  const [conversation] = await store.read((db) =>
    db
      .select({ id: conversations.id, status: conversations.status })
      .from(conversations)
      .where(
        and(eq(conversations.channel, "webchat"), eq(conversations.flowId, flowId), eq(conversations.address, session)),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1),
  );
  if (!conversation) return { status: "none", messages: [] };
  const { outbox } = store.tables;
  // What waited for the visitor's stream is shown now, in the history: the stream must not bring it again.
  // The outbox is read before the transcript, so every row marked here has its message in what is read.
  const rows = await store.tx(async (db) => {
    const waiting = await db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.conversationId, conversation.id), isNull(outbox.sentAt), isNull(outbox.failedAt)));
    const transcript = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), inArray(messages.role, ["customer", "bot", "agent"])))
      .orderBy(asc(messages.id));
    if (waiting.length > 0) {
      await db
        .update(outbox)
        .set({ sentAt: Date.now() })
        .where(
          and(
            inArray(
              outbox.id,
              waiting.map((row) => row.id),
            ),
            isNull(outbox.sentAt),
          ),
        );
    }
    return transcript;
  });
  let offered: BotMessage["choices"] = [];
  const entries = rows.map((row): WebchatHistoryEntry => {
    const at = new Date(row.at).toISOString();
    if (row.role === "customer" && row.payload) {
      // A tapped button shows as its label, as it did when the visitor tapped it.
      const { choiceId } = readJson(CustomerPayload, row.payload, { table: "messages", column: "payload", id: row.id });
      const label = offered?.find((choice) => choice.id === choiceId)?.label;
      return { id: row.id, role: "customer", text: label ?? row.text, at };
    }
    if (row.role === "bot" && row.payload) {
      const message = readJson(BotPayload, row.payload, { table: "messages", column: "payload", id: row.id });
      if (message.choices?.length) offered = message.choices;
      return {
        id: row.id,
        role: "bot",
        text: row.text,
        ...(message.choices?.length ? { choices: message.choices } : {}),
        ...(message.media?.length ? { media: message.media } : {}),
        at,
      };
    }
    return {
      id: row.id,
      role: row.role as WebchatHistoryEntry["role"],
      text: row.text,
      ...(row.author ? { author: row.author } : {}),
      at,
    };
  });
  // Only the last message's buttons can still be answered, and only while the bot waits.
  entries.forEach((entry, index) => {
    if (entry.choices && (index !== entries.length - 1 || conversation.status !== "bot")) delete entry.choices;
  });
  return { status: conversation.status as ConversationStatus, messages: entries };
}
