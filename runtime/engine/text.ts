import { type LocalizedText, languageShown } from "../../schema/index.js";

/** The text in the conversation's language, or the version `languageShown` picks when it has none. */
export function localize(text: LocalizedText, language: string, flowLanguages: readonly string[]): string {
  if (typeof text === "string") return text;
  const shown = languageShown(text, language, flowLanguages);
  return (shown === undefined ? undefined : text[shown]) ?? "";
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
