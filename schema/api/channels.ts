import { type Static, Type } from "@sinclair/typebox";
import { LanguageCode, SLUG_PATTERN } from "../common.js";

/*
 * What a channel hands the runtime and what it answers: the REST channel's message, and the bot's
 * channel-neutral messages that each channel's renderer turns into its own format.
 */

export const BotMessage = Type.Object(
  {
    nodeId: Type.String({ description: "The node that said it, or `notice:<key>` for a notice of the runtime." }),
    text: Type.String(),
    choices: Type.Optional(Type.Array(Type.Object({ id: Type.String(), label: Type.String() }))),
    media: Type.Optional(
      Type.Array(
        Type.Object({
          kind: Type.Union([Type.Literal("image"), Type.Literal("video"), Type.Literal("audio"), Type.Literal("file")]),
          url: Type.String(),
          caption: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { description: "A channel-neutral bot message; each channel's renderer turns it into its own format." },
);
export type BotMessage = Static<typeof BotMessage>;

export const Attachment = Type.Object(
  {
    kind: Type.Union([Type.Literal("image"), Type.Literal("video"), Type.Literal("audio"), Type.Literal("file")]),
    mime: Type.Optional(Type.String({ description: "Its media type as the provider gave it, e.g. `image/jpeg`." })),
    url: Type.Optional(Type.String({ description: "Where the provider keeps it (Messenger, Twilio)." })),
    mediaId: Type.Optional(Type.String({ description: "The provider's media id (WhatsApp), fetched with its token." })),
    caption: Type.Optional(Type.String()),
    fileName: Type.Optional(Type.String()),
  },
  { description: "A file a customer sent, kept with their line of the transcript." },
);
export type Attachment = Static<typeof Attachment>;

export const ConversationStatus = Type.Union(
  [Type.Literal("bot"), Type.Literal("queued"), Type.Literal("agent"), Type.Literal("closed")],
  { description: "Who has the conversation: the bot, a queue waiting for a person, a person, or no one (ended)." },
);
export type ConversationStatus = Static<typeof ConversationStatus>;

export const ChannelAnswer = Type.Object(
  {
    conversationId: Type.Union([Type.String(), Type.Null()]),
    replies: Type.Array(BotMessage),
    status: ConversationStatus,
  },
  { description: "What the channel answers for one message; the same again for a retried message id." },
);
export type ChannelAnswer = Static<typeof ChannelAnswer>;

/** The REST channel's message; `text` is at most the runtime's `RELAIS_MESSAGE_MAX_CHARS`. */
export const restMessageBody = (messageMaxChars: number) =>
  Type.Object(
    {
      flowId: Type.String({ pattern: SLUG_PATTERN, maxLength: 64, description: "A published flow." }),
      from: Type.String({ minLength: 1, maxLength: 200, description: "Who writes, in the caller's terms." }),
      messageId: Type.String({
        minLength: 1,
        maxLength: 200,
        description: "The caller's message id: a second delivery with the same id gets the same answer.",
      }),
      text: Type.Optional(Type.String({ maxLength: messageMaxChars })),
      choiceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "A tapped choice's id." })),
      language: Type.Optional(LanguageCode),
    },
    { additionalProperties: false },
  );
export type RestMessageBody = Static<ReturnType<typeof restMessageBody>>;
