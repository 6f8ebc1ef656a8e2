import type { Attachment } from "../../../schema/api/channels.js";
import { type DeliveryStatus, type InboundEvent, MalformedPayload } from "../adapter.js";

const statuses: Record<string, DeliveryStatus> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The messages and statuses of a Cloud API webhook (`object: whatsapp_business_account`, entries of
 * changes whose `value` holds `messages` and `statuses`). Text, reply-button and list answers are
 * read; every other type is kept as unsupported, for the agent, with its file when it carries one.
 */
export function parseWhatsApp(body: unknown): InboundEvent[] {
  if (!isObject(body) || body.object !== "whatsapp_business_account" || !Array.isArray(body.entry)) {
    throw new MalformedPayload("not a WhatsApp Business Account webhook (object, entry)");
  }
  const events: InboundEvent[] = [];
  for (const entry of body.entry) {
    if (!isObject(entry)) throw new MalformedPayload("an entry is not an object");
    for (const change of list(entry.changes)) {
      if (!isObject(change) || !isObject(change.value)) throw new MalformedPayload("a change has no value");
      for (const message of list(change.value.messages)) events.push(readMessage(message));
      for (const status of list(change.value.statuses)) {
        const read = readStatus(status);
        if (read) events.push(read);
      }
    }
  }
  return events;
}

function readMessage(message: unknown): InboundEvent {
  if (!isObject(message) || typeof message.id !== "string" || typeof message.from !== "string") {
    throw new MalformedPayload("a message has no id or from");
  }
  const base = { kind: "message" as const, externalId: message.id, address: message.from };
  const type = typeof message.type === "string" ? message.type : "unknown";
  if (type === "text" && isObject(message.text) && typeof message.text.body === "string") {
    return { ...base, text: message.text.body };
  }
  if (type === "interactive" && isObject(message.interactive)) {
    const reply = message.interactive.button_reply ?? message.interactive.list_reply;
    if (isObject(reply) && typeof reply.id === "string") return { ...base, choiceId: reply.id };
  }
  // A quick-reply button of a template: its payload is what the template's sender put there.
  if (type === "button" && isObject(message.button) && typeof message.button.text === "string") {
    return { ...base, text: message.button.text };
  }
  const attachment = attachmentOf(type, message[type]);
  return { ...base, unsupported: type, ...(attachment ? { attachments: [attachment] } : {}) };
}

/** The Cloud API's media message types, as the kinds Relais shows (a sticker is a WebP image, a voice note audio). */
const MEDIA_KINDS: Record<string, Attachment["kind"]> = {
  image: "image",
  sticker: "image",
  video: "video",
  audio: "audio",
  document: "file",
};

/** A media message's file: its id (fetched later with the token), type, caption and name. */
function attachmentOf(type: string, media: unknown): Attachment | undefined {
  const kind = MEDIA_KINDS[type];
  if (!kind || !isObject(media) || typeof media.id !== "string") return undefined;
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const mime = text(media.mime_type);
  const caption = text(media.caption);
  const fileName = text(media.filename);
  return {
    kind,
    mediaId: media.id,
    ...(mime ? { mime } : {}),
    ...(caption ? { caption } : {}),
    ...(fileName ? { fileName } : {}),
  };
}

/** A status Relais does not track (Meta adds some, like `deleted`) is skipped, not refused: refusing would make Meta retry it for days. */
function readStatus(status: unknown): InboundEvent | undefined {
  if (!isObject(status) || typeof status.id !== "string" || typeof status.status !== "string") {
    throw new MalformedPayload("a status has no id or status");
  }
  const known = statuses[status.status];
  if (!known) return undefined;
  const error = list(status.errors).find(isObject);
  return {
    kind: "status",
    providerMessageId: status.id,
    status: known,
    ...(error ? { error: `${String(error.code ?? "")} ${String(error.title ?? error.message ?? "")}`.trim() } : {}),
  };
}
