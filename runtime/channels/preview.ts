import type { BotMessage } from "../engine/types.js";
import type { SendContext } from "./adapter.js";
import { renderMessenger } from "./messenger/render.js";
import { renderSms } from "./sms/render.js";
import { segments } from "./sms/segments.js";
import { renderWhatsApp } from "./whatsapp/render.js";

/*
 * How one bot message looks on each channel, for the designer's preview: the channels' own
 * renderers (pure) run on it, and their payloads are read back as what the customer sees.
 */

export const PREVIEW_CHANNELS = ["whatsapp", "messenger", "sms", "webchat"] as const;
export type PreviewChannel = (typeof PREVIEW_CHANNELS)[number];

/** One message as the customer's app shows it. */
export interface PreviewBubble {
  text: string;
  /** Tappable choices under the text, as the channel cuts their labels. */
  buttons?: string[];
  /** Quick replies (Messenger): chips that go away once one is tapped. */
  quickReplies?: string[];
  /** A list behind a button (WhatsApp, 4 to 10 choices). */
  list?: { button: string; rows: string[] };
  media?: { kind: string; url: string };
  /** SMS only: how many segments it is billed as, and in which encoding. */
  sms?: { segments: number; encoding: string };
}

/** What a preview looks like; the designer draws it. */
export interface ChannelPreview {
  channel: PreviewChannel;
  bubbles: PreviewBubble[];
}

export type { BotMessage };

/** A conversation with the customer who just wrote: the window is open, the bot is speaking. */
const openWindow = (language: string): SendContext => ({ lastCustomerAt: 0, now: 0, fromAgent: false, language });

export function channelPreview(channel: PreviewChannel, message: BotMessage, language: string): ChannelPreview {
  return { channel, bubbles: bubblesOf(channel, message, language) };
}

function bubblesOf(channel: PreviewChannel, message: BotMessage, language: string): PreviewBubble[] {
  switch (channel) {
    case "whatsapp":
      return whatsappBubbles(message, language);
    case "messenger":
      return messengerBubbles(message, language);
    case "sms":
      return renderSms(message).map(({ Body }) => ({ text: Body, sms: segments(Body) }));
    case "webchat":
      return [
        ...(message.media ?? []).map((media) => ({ text: media.caption ?? "", media })),
        {
          text: message.text,
          ...(message.choices?.length ? { buttons: message.choices.map((choice) => choice.label) } : {}),
        },
      ];
  }
}

function whatsappBubbles(message: BotMessage, language: string): PreviewBubble[] {
  const rendered = renderWhatsApp(message, openWindow(language), undefined);
  if ("refused" in rendered) return [];
  return rendered.map((payload): PreviewBubble => {
    if (payload.type === "text") return { text: payload.text.body };
    if (payload.type === "interactive") {
      const { interactive } = payload;
      if (interactive.type === "button") {
        return {
          text: interactive.body.text,
          buttons: interactive.action.buttons.map((button) => button.reply.title),
        };
      }
      return {
        text: interactive.body.text,
        list: {
          button: interactive.action.button,
          rows: interactive.action.sections.flatMap((section) => section.rows.map((row) => row.title)),
        },
      };
    }
    if (payload.type === "template") return { text: payload.template.name };
    const link: { link: string; caption?: string } | undefined =
      payload.type === "audio"
        ? payload.audio
        : payload.type === "document"
          ? payload.document
          : (payload.image ?? payload.video);
    const caption = link?.caption ?? "";
    return { text: caption, media: { kind: payload.type, url: link?.link ?? "" } };
  });
}

interface MessengerMessage {
  text?: string;
  quick_replies?: { title: string }[];
  attachment?: {
    type: string;
    payload: { url?: string; text?: string; buttons?: { title: string }[] };
  };
}

function messengerBubbles(message: BotMessage, language: string): PreviewBubble[] {
  const rendered = renderMessenger(message, openWindow(language));
  if ("refused" in rendered) return [];
  return rendered.map((payload): PreviewBubble => {
    const shown = payload.message as MessengerMessage;
    if (shown.attachment?.type === "template") {
      return {
        text: shown.attachment.payload.text ?? "",
        buttons: (shown.attachment.payload.buttons ?? []).map((button) => button.title),
      };
    }
    if (shown.attachment)
      return { text: "", media: { kind: shown.attachment.type, url: shown.attachment.payload.url ?? "" } };
    return {
      text: shown.text ?? "",
      ...(shown.quick_replies ? { quickReplies: shown.quick_replies.map((reply) => reply.title) } : {}),
    };
  });
}
