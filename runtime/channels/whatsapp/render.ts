import { WHATSAPP } from "../../../schema/channel-capabilities.js";
import type { BotMessage } from "../../engine/types.js";
import type { SendContext } from "../adapter.js";
import { windowState } from "../service-window.js";
import { length, numberedChoices, shorten, splitText } from "../text-limits.js";

/** The body of one Cloud API message, without `messaging_product` and `to`, which the sender adds. */
export type WhatsAppPayload =
  | { type: "text"; text: { body: string; preview_url: boolean } }
  | {
      type: "interactive";
      interactive:
        | {
            type: "button";
            body: { text: string };
            action: { buttons: { type: "reply"; reply: { id: string; title: string } }[] };
          }
        | {
            type: "list";
            body: { text: string };
            action: {
              button: string;
              sections: { rows: { id: string; title: string; description?: string }[] }[];
            };
          };
    }
  | { type: "image" | "video"; image?: MediaRef; video?: MediaRef }
  | { type: "audio"; audio: { link: string } }
  | { type: "document"; document: MediaRef }
  | { type: "template"; template: { name: string; language: { code: string } } };

interface MediaRef {
  link: string;
  caption?: string;
}

/** The Cloud API's limits, as the linter knows them too. */
export const WHATSAPP_LIMITS = WHATSAPP;

/** The template sent outside the window instead of a free-form message: `name` approved in `language`. */
export interface WhatsAppTemplate {
  name: string;
  language: string;
}

const listButton: Record<string, string> = { fr: "Choisir", en: "Choose" };

/**
 * One bot message as WhatsApp shows it: up to 3 choices as reply buttons, up to 10 as a list, more
 * as numbered lines; long text split into several messages, the choices on the last one; media
 * first, each with its caption (an audio's, which WhatsApp does not take, as a text after it).
 * Outside the 24-hour window, only the configured template.
 */
export function renderWhatsApp(
  message: BotMessage,
  context: SendContext,
  template: WhatsAppTemplate | undefined,
): WhatsAppPayload[] | { refused: string } {
  const state = windowState(context.lastCustomerAt, context.now, {
    hours: WHATSAPP_LIMITS.windowHours,
    fromAgent: context.fromAgent,
  });
  if (state !== "open") {
    if (!template)
      return {
        refused:
          "More than 24 hours since the customer last wrote: WhatsApp takes only a template message now, and no WHATSAPP_TEMPLATE is set.",
      };
    return [{ type: "template", template: { name: template.name, language: { code: template.language } } }];
  }
  const payloads: WhatsAppPayload[] = (message.media ?? []).flatMap(mediaPayloads);
  const choices = message.choices ?? [];
  const interactive = choices.length > 0 && choices.length <= WHATSAPP_LIMITS.listRows;
  const body = interactive ? message.text : numberedChoices(message.text, choices);
  const useButtons = interactive && choices.length <= WHATSAPP_LIMITS.buttons;
  const lastLimit = useButtons ? WHATSAPP_LIMITS.buttonBody : WHATSAPP_LIMITS.text;
  const pieces = splitText(body, WHATSAPP_LIMITS.text);
  // The last piece carries the buttons, so it must fit their shorter body; what does not fit goes before it.
  const last = pieces.pop() ?? "";
  const lastPieces = splitText(last, lastLimit);
  const finalText = lastPieces.pop() ?? "";
  for (const piece of [...pieces, ...lastPieces]) payloads.push(textPayload(piece));
  if (!interactive) {
    if (finalText !== "") payloads.push(textPayload(finalText));
    return payloads;
  }
  // An interactive message needs a body; a message made only of choices says so in its language.
  const shown = finalText === "" ? (context.language.startsWith("en") ? "Choose:" : "Choisissez :") : finalText;
  if (useButtons) {
    payloads.push({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: shown },
        action: {
          buttons: choices.map((choice) => ({
            type: "reply",
            reply: { id: choice.id, title: shorten(choice.label, WHATSAPP_LIMITS.buttonTitle) },
          })),
        },
      },
    });
    return payloads;
  }
  payloads.push({
    type: "interactive",
    interactive: {
      type: "list",
      body: { text: shown },
      action: {
        button: listButton[context.language.slice(0, 2)] ?? (listButton.fr as string),
        sections: [
          {
            rows: choices.map((choice) => {
              const cut = length(choice.label) > WHATSAPP_LIMITS.rowTitle;
              return {
                id: choice.id,
                title: shorten(choice.label, WHATSAPP_LIMITS.rowTitle),
                // A cut title keeps its whole label readable underneath.
                ...(cut ? { description: shorten(choice.label, WHATSAPP_LIMITS.rowDescription) } : {}),
              };
            }),
          },
        ],
      },
    },
  });
  return payloads;
}

function textPayload(body: string): WhatsAppPayload {
  return { type: "text", text: { body, preview_url: /https?:\/\//.test(body) } };
}

function mediaPayloads(media: NonNullable<BotMessage["media"]>[number]): WhatsAppPayload[] {
  const caption = media.caption ? { caption: shorten(media.caption, WHATSAPP_LIMITS.media[media.kind].caption) } : {};
  switch (media.kind) {
    case "image":
      return [{ type: "image", image: { link: media.url, ...caption } }];
    case "video":
      return [{ type: "video", video: { link: media.url, ...caption } }];
    case "audio":
      return [
        { type: "audio", audio: { link: media.url } },
        ...(media.caption ? splitText(media.caption, WHATSAPP_LIMITS.text) : []).map(textPayload),
      ];
    case "file":
      return [{ type: "document", document: { link: media.url, ...caption } }];
  }
}
