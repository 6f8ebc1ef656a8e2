import { localize } from "../worker/localize.js";

/** What Relais itself tells customers, in the conversation's language (French when it has none). */
const notices = {
  unreadable: {
    fr: "Je ne peux lire que du texte ici. Pouvez-vous l'écrire en quelques mots ?",
    en: "I can only read text here. Could you write it in a few words?",
  },
} as const;

export type NoticeKey = keyof typeof notices;

export function notice(key: NoticeKey, language: string): string {
  return localize(notices[key], language || "fr");
}

/** The transcript line for a message Relais could not read, so the agent knows something came. */
export const unreadableLine = (type: string) => `[${type}]`;
