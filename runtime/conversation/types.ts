import type { Attachment, ChannelAnswer, ConversationStatus } from "../../schema/api/channels.js";

export type { ChannelAnswer, ConversationStatus };

/** A customer message as every channel hands it over, before anything is decided about it. */
export interface InboundMessage {
  channel: string;
  /** The provider's message id: a second delivery with the same id is the same message. */
  externalId: string;
  flowId: string;
  /** Who wrote, in the channel's terms (a phone number, a web chat session…). */
  address: string;
  text?: string;
  choiceId?: string;
  /** The customer's language when the channel knows it (the web page's); a new conversation starts in it. */
  language?: string;
  /** A message type the channel received but Relais cannot read (sticker, location, audio…). */
  unsupported?: string;
  /** The files the message carries, kept with the customer's line of the transcript. */
  attachments?: Attachment[];
}

export const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;
