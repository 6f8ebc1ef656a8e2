import { MESSENGER } from "../../../schema/channel-capabilities.js";
import type { BotMessage } from "../../engine/types.js";
import type { SendContext } from "../adapter.js";
import { windowState } from "../service-window.js";
import { numberedChoices, shorten, splitText } from "../text-limits.js";

/** Limits of the Send API, as the linter knows them too. */
export const MESSENGER_LIMITS = MESSENGER;

export interface MessengerPayload {
  messaging_type: "RESPONSE" | "MESSAGE_TAG";
  tag?: "HUMAN_AGENT";
  message: Record<string, unknown>;
}

/**
 * One bot message as Messenger shows it: up to 3 choices as a button template (buttons stay on
 * the message), up to 13 as quick replies, more as numbered lines; media as attachments first,
 * each followed by its caption;
 * within 24 hours a response, then for 7 days an agent's reply with the HUMAN_AGENT tag.
 */
export function renderMessenger(message: BotMessage, context: SendContext): MessengerPayload[] | { refused: string } {
  const state = windowState(context.lastCustomerAt, context.now, {
    hours: MESSENGER_LIMITS.windowHours,
    humanAgentHours: MESSENGER_LIMITS.humanAgentHours,
    fromAgent: context.fromAgent,
  });
  if (state === "closed") {
    return {
      refused: context.fromAgent
        ? "More than 7 days since the customer last wrote: Messenger takes no reply now, not even a person's."
        : "More than 24 hours since the customer last wrote: Messenger takes only a person's reply now (HUMAN_AGENT, 7 days).",
    };
  }
  const envelope =
    state === "open"
      ? { messaging_type: "RESPONSE" as const }
      : { messaging_type: "MESSAGE_TAG" as const, tag: "HUMAN_AGENT" as const };
  // An attachment carries no text: its caption follows it as a message of its own.
  const payloads: MessengerPayload[] = (message.media ?? []).flatMap((media) => [
    {
      ...envelope,
      message: {
        attachment: {
          type: media.kind === "file" ? "file" : media.kind,
          payload: { url: media.url, is_reusable: true },
        },
      },
    },
    ...(media.caption ? splitText(media.caption, MESSENGER_LIMITS.text) : []).map((piece) => ({
      ...envelope,
      message: { text: piece },
    })),
  ]);
  const choices = message.choices ?? [];
  const asButtons =
    choices.length > 0 &&
    choices.length <= MESSENGER_LIMITS.buttons &&
    [...message.text].length <= MESSENGER_LIMITS.buttonTemplateText &&
    message.text !== "";
  const asQuickReplies = !asButtons && choices.length > 0 && choices.length <= MESSENGER_LIMITS.quickReplies;
  const text = asButtons || asQuickReplies ? message.text : numberedChoices(message.text, choices);
  const pieces = splitText(text, MESSENGER_LIMITS.text);
  const last = pieces.pop() ?? (context.language.startsWith("en") ? "Choose:" : "Choisissez :");
  for (const piece of pieces) payloads.push({ ...envelope, message: { text: piece } });
  if (asButtons) {
    payloads.push({
      ...envelope,
      message: {
        attachment: {
          type: "template",
          payload: {
            template_type: "button",
            text: last,
            buttons: choices.map((choice) => ({
              type: "postback",
              title: shorten(choice.label, MESSENGER_LIMITS.title),
              payload: choice.id,
            })),
          },
        },
      },
    });
  } else if (asQuickReplies) {
    payloads.push({
      ...envelope,
      message: {
        text: last,
        quick_replies: choices.map((choice) => ({
          content_type: "text",
          title: shorten(choice.label, MESSENGER_LIMITS.title),
          payload: choice.id,
        })),
      },
    });
  } else if (text !== "") {
    payloads.push({ ...envelope, message: { text: last } });
  }
  return payloads;
}
