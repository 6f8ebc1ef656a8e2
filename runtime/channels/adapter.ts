import type { Attachment } from "../../schema/api/channels.js";
import type { BotMessage } from "../engine/types.js";
import type { DELIVERY_STATUSES } from "../store/enums.js";

/** The channels that speak to a provider's API (the REST channel and the web chat are Relais's own). */
export type ProviderChannel = "whatsapp" | "messenger" | "sms";

/** How far a sent message got; the order in which it only ever moves forward. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What one webhook delivery holds, already in Relais's terms. */
export type InboundEvent =
  | {
      kind: "message";
      /** The provider's message id: Meta and Twilio retry, and a retry is the same message. */
      externalId: string;
      /** Who wrote, in the channel's terms (a phone number, a page-scoped id). */
      address: string;
      text?: string;
      choiceId?: string;
      /** A message type Relais cannot read here (sticker, location, audio…), kept for the agent. */
      unsupported?: string;
      /** The files it carries (pictures, documents…), kept with the line for the agent to see. */
      attachments?: Attachment[];
    }
  | {
      kind: "status";
      /** The id the provider gave the message when it took it. */
      providerMessageId: string;
      status: DeliveryStatus;
      error?: string;
    }
  /** Messenger reports reads as "everything up to this time": every sent message before it is read. */
  | { kind: "readUpTo"; address: string; at: number };

/** The request as the adapter needs it to check its signature: the body exactly as received. */
export interface SignedRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** Where a send stands with the provider's customer-service window. */
export interface SendContext {
  /** When the customer last wrote, epoch ms; undefined before they ever did. */
  lastCustomerAt: number | undefined;
  now: number;
  /** An agent wrote this message (Messenger lets agents answer for 7 days with the HUMAN_AGENT tag). */
  fromAgent: boolean;
  language: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  /** `final`: retrying cannot help (outside the window, a number that does not exist). */
  | { ok: false; error: string; final?: boolean };

/**
 * One messaging channel: parse its webhooks, check their signature, render bot messages for what
 * it can show, send through its API. Parsing and rendering are pure; `send` is the only I/O.
 */
export interface ChannelAdapter<Payload> {
  channel: ProviderChannel;
  /** Checks the provider's signature over the raw body; false for a missing or wrong one. */
  verify(request: SignedRequest): boolean;
  /** The messages and statuses in a webhook body; throws {@link MalformedPayload} when it is not the provider's format. */
  parse(body: unknown): InboundEvent[];
  /**
   * The provider messages that show one bot message, in order, or a reason nothing may be sent
   * now (outside the customer-service window with no template to send instead).
   */
  render(message: BotMessage, context: SendContext): Payload[] | { refused: string };
  send(address: string, payload: Payload, context: SendContext): Promise<SendResult>;
}

/** A webhook body that is not the provider's format: answered 400 and logged without its content. */
export class MalformedPayload extends Error {}
