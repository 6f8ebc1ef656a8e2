/*
 * How an SMS text is encoded and billed (GSM 03.38 septets or UCS-2), shared by the SMS renderer
 * and the linter that warns of long texts.
 */

/** GSM 03.38's basic characters, one septet each. */
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** Its extension table: two septets each (an escape, then the character). */
const GSM_EXTENDED = new Set("^{}\\[~]|€\f");

/**
 * Typographic characters with a GSM equivalent. One curly apostrophe would otherwise send the
 * whole text as UCS-2: 70 characters a segment instead of 160, so more than twice the price.
 */
const PLAIN: Record<string, string> = {
  "\u2019": "'",
  "\u2018": "'",
  "\u201c": '"',
  "\u201d": '"',
  "«": '"',
  "»": '"',
  "\u00a0": " ",
  "\u202f": " ",
  "…": "...",
  "–": "-",
  "—": "-",
  "•": "-",
};

export type Encoding = "GSM-7" | "UCS-2";

export const isGsm = (text: string) => [...text].every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));

/** The text with typographic characters made plain, only when that makes all of it GSM-7. */
export function plainForSms(text: string): string {
  const plain = [...text].map((c) => PLAIN[c] ?? c).join("");
  return isGsm(plain) ? plain : text;
}

/** Units the text takes in its encoding: septets for GSM-7, UTF-16 code units for UCS-2. */
export function units(text: string, encoding: Encoding = isGsm(text) ? "GSM-7" : "UCS-2"): number {
  if (encoding === "UCS-2") return text.length;
  let count = 0;
  for (const c of text) count += GSM_EXTENDED.has(c) ? 2 : 1;
  return count;
}

/**
 * How many SMS a text takes: one holds 160 GSM-7 or 70 UCS-2 units; a longer text is sent in
 * parts of 153 or 67, the rest of each part carrying the header that joins them on the phone.
 */
export function segments(text: string): { encoding: Encoding; units: number; segments: number } {
  const encoding: Encoding = isGsm(text) ? "GSM-7" : "UCS-2";
  const size = units(text, encoding);
  const [single, part] = encoding === "GSM-7" ? [160, 153] : [70, 67];
  return {
    encoding,
    units: size,
    segments: size <= single ? Math.max(1, Math.ceil(size / single)) : Math.ceil(size / part),
  };
}
