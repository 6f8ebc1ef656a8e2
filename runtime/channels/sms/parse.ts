import type { Attachment } from "../../../schema/api/channels.js";
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
 * status callback (`MessageSid`, `MessageStatus`) for a message Relais sent. An MMS keeps its files
 * (`MediaUrl0`, `MediaContentType0`…); one with pictures only is kept as unsupported.
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
  const attachments = mediaOf(form);
  const files = attachments.length > 0 ? { attachments } : {};
  if (body.trim() === "")
    return [{ ...base, unsupported: Number(form.NumMedia ?? 0) > 0 ? "media" : "empty", ...files }];
  return [{ ...base, text: body, ...files }];
}

/** Twilio lists an MMS's files as `MediaUrl<n>` and `MediaContentType<n>`, `NumMedia` of them (at most 10). */
function mediaOf(form: Record<string, string>): Attachment[] {
  const count = Math.min(Number(form.NumMedia ?? 0) || 0, 10);
  return Array.from({ length: count }).flatMap((_, i) => {
    const url = form[`MediaUrl${i}`];
    if (!url) return [];
    const mime = form[`MediaContentType${i}`];
    return [{ kind: kindOf(mime), url, ...(mime ? { mime } : {}) }];
  });
}

function kindOf(mime: string | undefined): Attachment["kind"] {
  const family = mime?.split("/")[0];
  return family === "image" || family === "video" || family === "audio" ? family : "file";
}
