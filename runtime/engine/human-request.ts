import { fold } from "./text.js";

/** Words by which customers ask for a person, folded (no accents, lowercase, apostrophes as spaces). */
const KEYWORDS: Record<string, readonly string[]> = {
  fr: ["conseiller", "conseillere", "humain", "une personne", "un agent", "quelqu un", "parler a"],
  en: ["human", "agent", "person", "representative", "someone"],
};

/**
 * The keyword by which a text asks for a person, or undefined. The conversation's language decides
 * the list (`agent` alone is common in French for other things); a language without a list uses all.
 */
export function humanRequestKeyword(text: string, language: string): string | undefined {
  const base = language.split("-")[0] ?? language;
  const keywords = KEYWORDS[base] ?? Object.values(KEYWORDS).flat();
  const folded = ` ${fold(text)} `;
  return keywords.find((keyword) => folded.includes(` ${keyword} `));
}
