import { type Static, Type } from "@sinclair/typebox";
import { Attachment, BotMessage, ChannelAnswer } from "../../schema/api/channels.js";
import { QueueSettingsBody } from "../../schema/api/queues.js";

/*
 * The shapes of the JSON the tables hold, one per column, for `readJson` to check where a column
 * is read. Columns holding a contract type (`conversations.state`, `handoffs.reason`, `inbox.result`,
 * `messages.payload` of a system line) are read with that type's schema directly.
 */

/** `conversations.pinned`: `{flowId: version}` for every flow a jump can reach, fixed at start. */
export const PinnedVersions = Type.Record(Type.String(), Type.Integer());

/** `users.queues`, `analytics_conversations.path`. */
export const StringList = Type.Array(Type.String());

/** `queues.holidays`: dates, and closures from one date to another with a label. */
export const HolidayList = QueueSettingsBody.properties.holidays;

/** `handoffs.summary`: every variable the bot collected. */
export const CollectedVariables = Type.Record(Type.String(), Type.Unknown());

/** `channel_settings.settings` and its sealed `secrets`: each field of the channel's form by name. */
export const ChannelFields = Type.Record(Type.String(), Type.String());

/** `queues.out_of_hours_text`: the text per language. */
export const TextPerLanguage = Type.Record(Type.String(), Type.String());

/** `inbox.payload`: what the customer sent, as the channel handed it over. */
export const InboxPayload = Type.Object({
  text: Type.Optional(Type.String()),
  choiceId: Type.Optional(Type.String()),
  unsupported: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
  attachments: Type.Optional(Type.Array(Attachment)),
});

/**
 * `inbox.result`: the answer to the row's message, for a retry of it. Its replies are the bot lines of
 * the conversation's transcript that reply to the message (`messages.reply_to`), where they are not
 * written here: only an answer with no conversation (a flow with no live version) holds them.
 */
export const InboxResult = Type.Composite([
  Type.Omit(ChannelAnswer, ["replies"]),
  Type.Partial(Type.Pick(ChannelAnswer, ["replies"])),
]);
export type InboxResult = Static<typeof InboxResult>;

/** `messages.payload` of a customer line: the choice tapped, the files sent, if any. */
export const CustomerPayload = Type.Object({
  choiceId: Type.Optional(Type.String()),
  attachments: Type.Optional(Type.Array(Attachment)),
});

/** `messages.payload` of a bot line: the message but its text, which is the line's own column. */
export const BotPayload = Type.Omit(BotMessage, ["text"]);

/** `outbox.message`: the bot message to send. */
export const OutboxMessage = BotMessage;
