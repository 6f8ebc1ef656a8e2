import * as chrono from "chrono-node";
import type { RE2JS } from "re2js";
import { parseDate, parseEmail, parseNumber } from "./answers.js";
import { findPhones, normalizePhone } from "./phone.js";

/**
 * Finding what a question asks for inside what a customer wrote: "c'est la CMD-100001 je crois",
 * "mon mail : camille.martin@example.fr", "le 06 12 34 56 78 svp". The whole answer is read first,
 * as the question's kind reads it; failing that, the first value found in the sentence.
 */

const EMAIL_IN_TEXT = /[^\s@<>()[\]{}"',;:]+@[^\s@<>()[\]{}"',;:]+/g;

/** The first e-mail address written in a text. */
export function findEmail(text: string): string | undefined {
  for (const match of text.matchAll(EMAIL_IN_TEXT)) {
    const email = parseEmail(match[0].replace(/[.!?]+$/, ""));
    if (email) return email;
  }
  return undefined;
}

/**
 * A number standing on its own: not inside a word or a reference (`A12`, `CMD-100001`, `3e`), a date
 * or a time (`12/05`, `14:30`, `14h30`).
 */
const NUMBER_IN_TEXT = /(?<![\p{L}\p{N}.,/:+-])[+-]?\d+(?:[.,]\d+)?(?![\p{L}\p{N}/:-]|[.,]\d)/gu;

/**
 * The number a text gives: the whole text read as one, else the only number written in the sentence
 * ("c'est la 4521", "j'en voudrais 3"). A sentence with two ("2 colis de 3 kg") says nothing sure.
 */
export function findNumber(text: string): number | undefined {
  const whole = parseNumber(text);
  if (whole !== undefined) return whole;
  const [only, other] = text.slice(0, 1000).matchAll(NUMBER_IN_TEXT);
  return only && !other ? parseNumber(only[0]) : undefined;
}

/** The first phone number written in a text, in E.164 form. */
export function findPhone(text: string, region: string): string | undefined {
  return normalizePhone(text, region) ?? findPhones(text, region)[0]?.value;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** The first match of a flow's pattern standing as a word of the text (not inside a longer one). */
export function findPattern(regex: RE2JS, text: string): string | undefined {
  const trimmed = text.trim();
  if (regex.testExact(trimmed)) return trimmed;
  const matcher = regex.matcher(text);
  let from = 0;
  while (from <= text.length && matcher.find(from)) {
    const start = matcher.start();
    const end = matcher.end();
    if (end > start && !isWordChar(text[start - 1]) && !isWordChar(text[end])) return text.slice(start, end);
    from = Math.max(end, start + 1);
  }
  return undefined;
}

/**
 * The first date a text gives, as `YYYY-MM-DD`: written out (`31/12/2026`), or said in words in the
 * conversation's language ("demain", "le 12/03", "next Monday"), relative to `now`.
 */
export function findDate(text: string, language: string, now: Date): string | undefined {
  const exact = parseDate(text);
  if (exact) return exact;
  const base = language.split("-")[0];
  const parser = base === "fr" ? chrono.fr : language === "en-US" ? chrono.en : chrono.en.GB;
  const [result] = parser.parse(text.slice(0, 1000), now);
  if (!result) return undefined;
  const year = result.start.get("year");
  const month = result.start.get("month");
  const day = result.start.get("day");
  if (year === null || month === null || day === null) return undefined;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
