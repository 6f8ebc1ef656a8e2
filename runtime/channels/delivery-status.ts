import type { DeliveryStatus } from "./adapter.js";

const RANK: Record<DeliveryStatus, number> = { sent: 0, delivered: 1, read: 2, failed: 0 };

/**
 * The status after a provider's report, or undefined when the report changes nothing. Reports
 * arrive out of order (Meta and Twilio give no order): a status only moves forward, never from read
 * back to delivered; a failure counts only before the message was delivered.
 */
export function nextStatus(current: DeliveryStatus, reported: DeliveryStatus): DeliveryStatus | undefined {
  if (current === reported || current === "failed") return undefined;
  if (reported === "failed") return current === "sent" ? "failed" : undefined;
  return RANK[reported] > RANK[current] ? reported : undefined;
}
