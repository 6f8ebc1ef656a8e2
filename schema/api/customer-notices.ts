import { type Static, type TOptional, Type } from "@sinclair/typebox";
import type { UiText } from "../nodes/definition.js";

/*
 * What Relais itself tells customers, so they always know who they talk to. Each queue may word
 * them its own way, per language (`queues.notice_texts`); a text it leaves empty is the default below.
 * `{{agent}}`, `{{queue}}`, `{{minutes}}` are filled in when sent.
 */

export const DEFAULT_NOTICES = {
  unreadable: {
    fr: "Je ne peux lire que du texte ici. Pouvez-vous l'écrire en quelques mots ?",
    en: "I can only read text here. Could you write it in a few words?",
  },
  claimed: {
    fr: "{{agent}}, du service client, prend le relais.",
    en: "{{agent}} from customer service is taking over.",
  },
  transferred: {
    fr: "Je transmets votre demande à l'équipe {{queue}}, qui vous répond ici.",
    en: "I am passing your request to the {{queue}} team, who will answer you here.",
  },
  resolved: {
    fr: "Votre demande est traitée et la conversation close. Écrivez-nous ici quand vous voulez.",
    en: "Your request is handled and the conversation closed. Write to us here any time.",
  },
  waiting: {
    fr: "Votre message est bien transmis. Un conseiller vous répond ici, en général sous {{minutes}} minutes.",
    en: "Your message has been passed on. An agent answers you here, usually within {{minutes}} minutes.",
  },
  satisfaction: {
    fr: "Êtes-vous satisfait de notre aide ? Répondez par une note de 1 (pas du tout) à 5 (tout à fait).",
    en: "Are you satisfied with our help? Answer with a score from 1 (not at all) to 5 (completely).",
  },
  satisfactionThanks: {
    fr: "Merci pour votre note !",
    en: "Thank you for your score!",
  },
} as const satisfies Record<string, UiText>;

export type NoticeKey = keyof typeof DEFAULT_NOTICES;

/** The notices a queue may word its own way, and the placeholders each one fills in. */
export const QUEUE_NOTICES = {
  claimed: ["agent"],
  transferred: ["queue"],
  resolved: [],
  waiting: ["minutes"],
  satisfaction: [],
  satisfactionThanks: [],
} as const satisfies Partial<Record<NoticeKey, readonly string[]>>;

export type QueueNoticeKey = keyof typeof QUEUE_NOTICES;
export const QUEUE_NOTICE_KEYS = Object.keys(QUEUE_NOTICES) as QueueNoticeKey[];

const NoticeText = Type.Record(Type.String({ pattern: "^[a-z]{2}(-[A-Z]{2})?$" }), Type.String({ maxLength: 1000 }), {
  description: "The text per language (`fr`, `en`); an empty or absent one is the default.",
});

export const QueueNoticeTexts = Type.Object(
  Object.fromEntries(QUEUE_NOTICE_KEYS.map((key) => [key, Type.Optional(NoticeText)])) as Record<
    QueueNoticeKey,
    TOptional<typeof NoticeText>
  >,
  { additionalProperties: false, description: "This queue's own words for what customers are told." },
);
export type QueueNoticeTexts = Static<typeof QueueNoticeTexts>;
