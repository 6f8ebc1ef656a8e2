import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import { ConversationState } from "../../schema/api/index.js";
import type { LiveEvents } from "../conversation/live-events.js";
import type { Store } from "../store/db.js";
import { fixedLimit } from "../store/fixed-limit.js";
import { readJson } from "../store/json-column.js";
import type { ChannelAdapter, DeliveryStatus, InboundEvent, SendContext } from "./adapter.js";
import { nextStatus } from "./delivery-status.js";
import type { OutboxMessage, Sender } from "./outbox.js";

/**
 * The outbox's sender for a provider channel: renders the message for the channel in the
 * conversation's language and window, sends the parts the provider has not taken yet (a retry
 * never sends one twice), and records the id the provider gave each, for its status reports. The row
 * stays this process's from part to part, so no other process takes it over and sends a part in flight.
 */
export function providerSender<P>(adapter: ChannelAdapter<P>, store: Store, now: () => number = Date.now): Sender {
  const { conversations, messages, deliveries } = store.tables;
  return async (outgoing: OutboxMessage) => {
    const context = await sendContext(store, outgoing, now());
    const rendered = adapter.render(outgoing.message, context);
    if ("refused" in rendered) return { failed: rendered.refused, final: true };
    const taken = await store.read((db) =>
      db
        .select({ part: deliveries.part })
        .from(deliveries)
        .where(eq(deliveries.outboxId, outgoing.id))
        .orderBy(asc(deliveries.part)),
    );
    for (let part = taken.length; part < rendered.length; part++) {
      if (part > taken.length && !(await outgoing.hold())) return "taken over";
      const result = await adapter.send(outgoing.address, rendered[part] as P, context);
      if (!result.ok) return { failed: result.error, ...(result.final ? { final: true } : {}) };
      await store.tx((db) =>
        db
          .insert(deliveries)
          .values({
            outboxId: outgoing.id,
            conversationId: outgoing.conversationId,
            channel: adapter.channel,
            part,
            providerMessageId: result.providerMessageId,
            status: "sent",
            updatedAt: now(),
          })
          .onConflictDoNothing(),
      );
    }
    return true;
  };

  async function sendContext(db: Store, outgoing: OutboxMessage, at: number): Promise<SendContext> {
    const [conversation] = await db.read((d) =>
      d.select({ state: conversations.state }).from(conversations).where(eq(conversations.id, outgoing.conversationId)),
    );
    const [last] = await db.read((d) =>
      d
        .select({ at: messages.at })
        .from(messages)
        .where(and(eq(messages.conversationId, outgoing.conversationId), eq(messages.role, "customer")))
        .orderBy(desc(messages.id))
        .limit(fixedLimit(1)),
    );
    const language = conversation
      ? readJson(ConversationState, conversation.state, {
          table: "conversations",
          column: "state",
          id: outgoing.conversationId,
        }).language
      : "fr";
    return {
      lastCustomerAt: last?.at,
      now: at,
      fromAgent: outgoing.message.nodeId.startsWith("agent:"),
      language: language || "fr",
    };
  }
}

/**
 * Applies a provider's status reports: each moves its message forward only, and agents hear of
 * the change. A report for a message Relais never sent (another tool on the same number) is ignored.
 */
export async function applyStatuses(
  store: Store,
  live: LiveEvents,
  log: FastifyBaseLogger,
  channel: string,
  events: readonly InboundEvent[],
): Promise<void> {
  const { deliveries } = store.tables;
  for (const event of events) {
    if (event.kind === "readUpTo") {
      for (const providerMessageId of await sentBefore(store, channel, event.address, event.at)) {
        await applyStatuses(store, live, log, channel, [{ kind: "status", providerMessageId, status: "read" }]);
      }
      continue;
    }
    if (event.kind !== "status") continue;
    const changed = await store.tx(async (db) => {
      const [row] = await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.channel, channel), eq(deliveries.providerMessageId, event.providerMessageId)));
      if (!row) return undefined;
      const status = nextStatus(row.status as DeliveryStatus, event.status);
      if (!status) return undefined;
      await db
        .update(deliveries)
        .set({ status, error: event.error ?? null, updatedAt: Date.now() })
        .where(eq(deliveries.id, row.id));
      return { ...row, status };
    });
    if (!changed) continue;
    if (changed.status === "failed") {
      log.warn({ channel, outboxId: changed.outboxId, error: event.error }, "provider reports a message not delivered");
    }
    live.publish({
      type: "conversation.delivery",
      conversationId: changed.conversationId,
      outboxId: changed.outboxId,
      status: changed.status,
      ...(event.error ? { error: event.error } : {}),
    });
  }
}

/** The provider ids of messages sent to an address before a time and not yet read (Messenger's read watermark). */
async function sentBefore(store: Store, channel: string, address: string, at: number): Promise<string[]> {
  const { deliveries, outbox } = store.tables;
  const rows = await store.read((db) =>
    db
      .select({ id: deliveries.providerMessageId })
      .from(deliveries)
      .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
      .where(
        and(
          eq(deliveries.channel, channel),
          eq(outbox.address, address),
          inArray(deliveries.status, ["sent", "delivered"]),
          lte(outbox.sentAt, at),
        ),
      ),
  );
  return rows.map((row) => row.id);
}
