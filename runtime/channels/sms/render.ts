import type { BotMessage } from "../../engine/types.js";
import { numberedChoices } from "../text-limits.js";
import { smsParts } from "./segments.js";

/** An SMS: only text. The sender adds `To`, `From` and the status callback. */
export interface SmsPayload {
  Body: string;
}

/**
 * One bot message as SMS: choices as numbered lines (the customer answers `2`, `deux` or the
 * label), media as their links, each under its caption, and the text within the segment rules of
 * {@link smsParts}. A caption gets a line of its own rather than a separator before the link, which
 * French and English punctuate differently.
 */
export function renderSms(message: BotMessage): SmsPayload[] {
  const links = (message.media ?? []).map((media) => (media.caption ? `${media.caption}\n${media.url}` : media.url));
  const text = numberedChoices(
    [message.text, ...links].filter((line) => line !== "").join("\n"),
    message.choices ?? [],
  );
  return smsParts(text).map((Body) => ({ Body }));
}
