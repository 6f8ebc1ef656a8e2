import { fold } from "./text.js";

/**
 * Words by which customers ask for a person, folded (no accents, lowercase, apostrophes as
 * spaces). Each is heard whatever the conversation's language ("representative" in a French
 * conversation), except those another language uses for other things: `agent` alone is common in
 * French ("l'agent de livraison"), so it counts only in an English conversation.
 */
const KEYWORDS: Record<string, readonly string[]> = {
  fr: [
    "conseiller",
    "conseillere",
    "humain",
    "une personne",
    "vraie personne",
    "un agent",
    "un operateur",
    "une operatrice",
    "quelqu un",
    "parler a",
    "en relation",
    "en contact avec",
    "service client au telephone",
  ],
  en: [
    "human",
    "representative",
    "real person",
    "a person",
    "someone",
    "somebody",
    "anyone there",
    "anybody there",
    "operator",
    "live agent",
    "customer service agent",
  ],
};

/** Keywords heard only in their own language's conversations. */
const OWN_LANGUAGE_ONLY: Record<string, readonly string[]> = { en: ["agent", "person"] };

/** Every keyword heard in a conversation in the base language, spaced to match whole words. */
const spacedKeywords = new Map<string, readonly string[]>();

function keywordsFor(base: string): readonly string[] {
  let keywords = spacedKeywords.get(base);
  if (!keywords) {
    keywords = [...Object.values(KEYWORDS).flat(), ...(OWN_LANGUAGE_ONLY[base] ?? [])].map((word) => ` ${word} `);
    spacedKeywords.set(base, keywords);
  }
  return keywords;
}

/** The keyword by which a text asks for a person, or undefined. */
export function humanRequestKeyword(text: string, language: string): string | undefined {
  const folded = ` ${fold(text)} `;
  return keywordsFor(language.split("-")[0] ?? language)
    .find((keyword) => folded.includes(keyword))
    ?.trim();
}
