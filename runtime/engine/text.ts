import type { LocalizedText } from "../../schema/index.js";

/**
 * The text in the conversation's language: its exact language, else the same base language
 * (`fr` for `fr-CA`), else the flow's first language, else whatever comes first.
 */
export function localize(text: LocalizedText, language: string, flowLanguages: readonly string[]): string {
  if (typeof text === "string") return text;
  const base = language.split("-")[0] ?? language;
  const sameBase = Object.keys(text).find((key) => key.split("-")[0] === base);
  const candidates = [language, sameBase, flowLanguages[0]];
  for (const key of candidates) {
    if (key !== undefined && text[key] !== undefined) return text[key];
  }
  return Object.values(text)[0] ?? "";
}

/** Every language's version of a text, for matching what a customer typed against any of them. */
export function allVersions(text: LocalizedText): string[] {
  return typeof text === "string" ? [text] : Object.values(text);
}

/** Texts folded lately: a message is folded by several readers in turn, a choice's label at every message. */
const folded = new Map<string, string>();
const FOLDED_KEPT = 512;
/** Longer texts are folded each time, so that what is kept stays small. */
const FOLDED_CHARS = 1_000;

/** Lowercase, without accents, punctuation as spaces, single spaces: `Où est-ce ?` → `ou est ce`. */
export function fold(text: string): string {
  let result = folded.get(text);
  if (result === undefined) {
    result = text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
    if (text.length <= FOLDED_CHARS) {
      if (folded.size >= FOLDED_KEPT) folded.clear();
      folded.set(text, result);
    }
  }
  return result;
}
