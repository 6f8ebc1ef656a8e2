import { type Static, Type } from "@sinclair/typebox";
import { LanguageCode, SLUG_PATTERN } from "../common.js";
import { BotMessage } from "./channels.js";

/*
 * The web chat widget's routes (`/api/channels/webchat/:flowId/…`): messages in, the history of a
 * returning visitor, and what the bot and agents write, live (server-sent events).
 */

export const WebchatParams = Type.Object({ flowId: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) });
export type WebchatParams = Static<typeof WebchatParams>;

const Session = Type.String({
  pattern: "^[A-Za-z0-9-]{16,64}$",
  description: "The widget's session id, kept in the visitor's browser: its only key.",
});

export const WebchatSessionQuery = Type.Object({ session: Session });
export type WebchatSessionQuery = Static<typeof WebchatSessionQuery>;

/** A visitor's message; `text` is at most the runtime's `RELAIS_MESSAGE_MAX_CHARS`. */
export const webchatMessageBody = (messageMaxChars: number) =>
  Type.Object(
    {
      session: Session,
      messageId: Type.String({ minLength: 1, maxLength: 200 }),
      text: Type.Optional(Type.String({ minLength: 1, maxLength: messageMaxChars })),
      choiceId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "A tapped choice's id." })),
      language: Type.Optional({
        ...LanguageCode,
        description: "The page's language (`<html lang>`): a hint for a new conversation.",
      }),
    },
    { additionalProperties: false, description: "Send `text` or `choiceId`." },
  );
export type WebchatMessageBody = Static<ReturnType<typeof webchatMessageBody>>;

/** One line a returning visitor sees again. */
export const WebchatHistoryEntry = Type.Object({
  id: Type.Integer(),
  role: Type.Union([Type.Literal("customer"), Type.Literal("bot"), Type.Literal("agent")]),
  text: Type.String(),
  choices: Type.Optional(BotMessage.properties.choices),
  media: Type.Optional(BotMessage.properties.media),
  author: Type.Optional(Type.String()),
  at: Type.String({ format: "date-time" }),
});
export type WebchatHistoryEntry = Static<typeof WebchatHistoryEntry>;

export const WebchatHistory = Type.Object({
  status: Type.Union(
    [Type.Literal("none"), Type.Literal("bot"), Type.Literal("queued"), Type.Literal("agent"), Type.Literal("closed")],
    { description: "`none`: no conversation yet." },
  ),
  messages: Type.Array(WebchatHistoryEntry, {
    description: "The latest conversation, without notes or system lines; only the last bot message keeps its buttons.",
  }),
});
export type WebchatHistory = Static<typeof WebchatHistory>;

/** One message for the widget; `id` is the outbox row's (also the SSE event id), so a widget shown it twice keeps one. */
export const WebchatEvent = Type.Object(
  {
    type: Type.Literal("message"),
    id: Type.Integer(),
    role: Type.Union([Type.Literal("agent"), Type.Literal("bot")]),
    message: BotMessage,
  },
  {
    description:
      "The widget's event stream; it stays open. Each message is an event `message`, its id the outbox row's.",
  },
);
export type WebchatEvent = Static<typeof WebchatEvent>;
