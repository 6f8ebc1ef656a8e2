import type { Attachment } from "../../../schema/api/channels.js";
import { type InboundEvent, MalformedPayload } from "../adapter.js";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The events of a Messenger Platform webhook (`object: page`, entries of `messaging` events):
 * texts, quick replies and postbacks (a button's payload is the choice id), attachments kept as
 * unsupported with their files, deliveries by message id, reads as a watermark. Echoes of the page's own messages are skipped.
 */
export function parseMessenger(body: unknown): InboundEvent[] {
  if (!isObject(body) || body.object !== "page" || !Array.isArray(body.entry)) {
    throw new MalformedPayload("not a Messenger webhook (object page, entry)");
  }
  const events: InboundEvent[] = [];
  for (const entry of body.entry) {
    if (!isObject(entry)) throw new MalformedPayload("an entry is not an object");
    for (const event of Array.isArray(entry.messaging) ? entry.messaging : []) {
      if (!isObject(event) || !isObject(event.sender) || typeof event.sender.id !== "string") {
        throw new MalformedPayload("a messaging event has no sender id");
      }
      const address = event.sender.id;
      const read = readEvent(event, address);
      if (read) events.push(...read);
    }
  }
  return events;
}

const KINDS: readonly string[] = ["image", "video", "audio", "file"];

/** An attachment with a file behind it (Messenger's CDN address); locations and fallbacks have none. */
function attachmentOf(attachment: unknown): Attachment[] {
  if (!isObject(attachment) || typeof attachment.type !== "string" || !KINDS.includes(attachment.type)) return [];
  const url = isObject(attachment.payload) ? attachment.payload.url : undefined;
  return typeof url === "string" && url !== "" ? [{ kind: attachment.type as Attachment["kind"], url }] : [];
}

function readEvent(event: Record<string, unknown>, address: string): InboundEvent[] | undefined {
  const { message, postback, delivery, read } = event;
  if (isObject(message)) {
    if (message.is_echo === true) return [];
    if (typeof message.mid !== "string") throw new MalformedPayload("a message has no mid");
    const base = { kind: "message" as const, externalId: message.mid, address };
    if (isObject(message.quick_reply) && typeof message.quick_reply.payload === "string") {
      return [{ ...base, choiceId: message.quick_reply.payload }];
    }
    const sent = Array.isArray(message.attachments) ? message.attachments : [];
    const attachments = sent.flatMap(attachmentOf);
    const files = attachments.length > 0 ? { attachments } : {};
    // Text and files may come together (a photo sent with a few words): the words are read, the files kept.
    if (typeof message.text === "string" && message.text !== "") return [{ ...base, text: message.text, ...files }];
    const [first] = sent;
    const type = isObject(first) && typeof first.type === "string" ? first.type : "attachment";
    return [{ ...base, unsupported: message.sticker_id !== undefined ? "sticker" : type, ...files }];
  }
  if (isObject(postback)) {
    if (typeof postback.payload !== "string") throw new MalformedPayload("a postback has no payload");
    // Older postbacks have no mid: the time and sender make the id Meta repeats on a retry.
    const externalId = typeof postback.mid === "string" ? postback.mid : `postback:${String(event.timestamp)}`;
    return [{ kind: "message", externalId, address, choiceId: postback.payload }];
  }
  if (isObject(delivery)) {
    const mids = Array.isArray(delivery.mids) ? delivery.mids.filter((mid) => typeof mid === "string") : [];
    return mids.map((mid) => ({
      kind: "status" as const,
      providerMessageId: mid as string,
      status: "delivered" as const,
    }));
  }
  if (isObject(read) && typeof read.watermark === "number") return [{ kind: "readUpTo", address, at: read.watermark }];
  return undefined;
}
