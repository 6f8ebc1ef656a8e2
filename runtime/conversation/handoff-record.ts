import { randomUUID } from "node:crypto";
import type { QueueSettings } from "../../schema/api/index.js";
import type { BotMessage, Handoff } from "../engine/types.js";
import type { NewHandoffRow } from "../store/records.js";
import { afterOpenTime, describeOpening, openState } from "./business-hours.js";
import { localize } from "./localize.js";
import { PRIORITY_RANK } from "./types.js";

/**
 * The handoff row for a conversation going to a queue, and, outside the queue's hours, the message
 * telling the customer when people are back (the case waits all the same). The SLA counts only the
 * queue's open hours: it starts when the queue opens, and stops over nights, weekends and holidays.
 */
export function recordHandoff(input: {
  conversationId: string;
  handoff: Pick<Handoff, "queue" | "priority" | "reason" | "summary" | "note" | "nodeId">;
  queues: ReadonlyMap<string, QueueSettings>;
  now: number;
  language: string;
}): { row: NewHandoffRow; outOfHours?: BotMessage; queueKnown: boolean } {
  const queueKnown = input.queues.has(input.handoff.queue);
  const queue = input.queues.get(input.handoff.queue) ?? input.queues.get("support");
  const queueId = queueKnown ? input.handoff.queue : (queue?.id ?? input.handoff.queue);
  const state = queue ? openState(queue, new Date(input.now)) : { open: true };
  const row: NewHandoffRow = {
    id: randomUUID(),
    conversationId: input.conversationId,
    queue: queueId,
    priority: input.handoff.priority,
    rank: PRIORITY_RANK[input.handoff.priority],
    reason: JSON.stringify(input.handoff.reason),
    summary: JSON.stringify(input.handoff.summary),
    note: input.handoff.note ?? null,
    slaDueAt: queue ? afterOpenTime(queue, new Date(input.now), queue.slaMinutes).getTime() : input.now + 30 * 60_000,
    createdAt: input.now,
  };
  if (state.open || !queue) return { row, queueKnown };
  const opensAt = state.opensAt
    ? describeOpening(state.opensAt, queue.timezone, input.language)
    : input.language.startsWith("fr")
      ? "dès que possible"
      : "as soon as possible";
  const text = localize(queue.outOfHoursText, input.language).replaceAll("{{opensAt}}", opensAt);
  return { row, queueKnown, outOfHours: { nodeId: input.handoff.nodeId, text } };
}
