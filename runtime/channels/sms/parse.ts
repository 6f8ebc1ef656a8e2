import { type DeliveryStatus, type InboundEvent, MalformedPayload } from "../adapter.js";

/** Twilio's message statuses that Relais tracks; `queued`, `sending`, `accepted` come before any of them. */
const STATUSES: Record<string, DeliveryStatus> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  undelivered: "failed",
  failed: "failed",
};

/**
 * A Twilio Messaging webhook (form fields): an incoming SMS (`MessageSid`, `From`, `Body`), or a
 * status callback (`MessageSid`, `MessageStatus`) for a message Relais sent. A message with only
 * pictures (MMS) is kept as unsupported.
 */
export function parseTwilio(form: Record<string, string>): InboundEvent[] {
  const sid = form.MessageSid ?? form.SmsSid;
  if (!sid) throw new MalformedPayload("no MessageSid");
  const status = form.MessageStatus ?? form.SmsStatus;
  if (status !== undefined && status !== "received") {
    const known = STATUSES[status];
    if (!known) return [];
    const error = form.ErrorCode ? `Twilio error ${form.ErrorCode}` : undefined;
    return [{ kind: "status", providerMessageId: sid, status: known, ...(error ? { error } : {}) }];
  }
  if (!form.From) throw new MalformedPayload("an incoming message has no From");
  const base = { kind: "message" as const, externalId: sid, address: form.From };
  const body = form.Body ?? "";
  if (body.trim() === "") return [{ ...base, unsupported: Number(form.NumMedia ?? 0) > 0 ? "media" : "empty" }];
  return [{ ...base, text: body }];
}
