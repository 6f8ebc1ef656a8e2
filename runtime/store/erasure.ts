import { and, eq, inArray } from "drizzle-orm";
import type { ErasedRows } from "../../schema/api/customers.js";
import type { Store } from "./db.js";

/**
 * Deletes everything stored about one customer of one channel (their address: a phone number, a web
 * chat session, a REST sender id), in one transaction: their conversations on every flow with the
 * transcripts, handoffs and outbox rows that refer to them, and their inbox rows, answers
 * included. The right to erasure of the GDPR (article 17); nothing of other customers is touched.
 */
export async function eraseCustomer(store: Store, channel: string, address: string): Promise<ErasedRows> {
  const { conversations, conversationSearch, messages, handoffs, inbox, outbox, deliveries, satisfaction } =
    store.tables;
  return store.tx(async (db) => {
    const ids = (
      await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.channel, channel), eq(conversations.address, address)))
    ).map((row) => row.id);
    const erased: ErasedRows = { conversations: 0, messages: 0, handoffs: 0, inbox: 0, outbox: 0 };
    if (ids.length > 0) {
      erased.messages = (
        await db.delete(messages).where(inArray(messages.conversationId, ids)).returning({ id: messages.id })
      ).length;
      erased.handoffs = (
        await db.delete(handoffs).where(inArray(handoffs.conversationId, ids)).returning({ id: handoffs.id })
      ).length;
      // The search document repeats their words; it goes with them (not counted: it is a copy).
      await db.delete(conversationSearch).where(inArray(conversationSearch.conversationId, ids));
      await db.delete(satisfaction).where(inArray(satisfaction.conversationId, ids));
      erased.conversations = (
        await db.delete(conversations).where(inArray(conversations.id, ids)).returning({ id: conversations.id })
      ).length;
    }
    // Outbox rows by address too: a message queued before its conversation row existed is still theirs.
    // Their delivery receipts (provider message ids) go with them, counted as part of the outbox rows.
    const theirOutbox = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.channel, channel), eq(outbox.address, address)));
    await db.delete(deliveries).where(inArray(deliveries.outboxId, theirOutbox));
    erased.outbox = (
      await db
        .delete(outbox)
        .where(and(eq(outbox.channel, channel), eq(outbox.address, address)))
        .returning({ id: outbox.id })
    ).length;
    erased.inbox = (
      await db
        .delete(inbox)
        .where(and(eq(inbox.channel, channel), eq(inbox.address, address)))
        .returning({ id: inbox.id })
    ).length;
    return erased;
  });
}
