import { type Encoding, isGsm, plainForSms, segments, units } from "../../../schema/sms-segments.js";
import { splitText } from "../text-limits.js";

export { type Encoding, isGsm, plainForSms, segments, units };

/** Most segments one message is sent in; carriers deliver longer ones unreliably (Twilio's advice is 10). */
export const MAX_SEGMENTS = 10;

/**
 * The SMS messages that carry a text: made plain where that saves UCS-2, then, beyond
 * {@link MAX_SEGMENTS}, split after a sentence or a word into messages of at most that many.
 */
export function smsParts(text: string): string[] {
  const plain = plainForSms(text);
  const { encoding } = segments(plain);
  const perMessage = MAX_SEGMENTS * (encoding === "GSM-7" ? 153 : 67);
  return splitText(plain, perMessage, (piece) => units(piece, encoding));
}
