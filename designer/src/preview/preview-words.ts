import type { UiText } from "../../../schema/index.js";
import { wordsOf } from "../i18n.js";

/** The channel preview's texts. */
const words = {
  title: { fr: "Aperçu par canal", en: "Preview per channel" },
  channels: { fr: "Canal de l'aperçu", en: "Preview channel" },
  "channel.whatsapp": { fr: "WhatsApp", en: "WhatsApp" },
  "channel.messenger": { fr: "Messenger", en: "Messenger" },
  "channel.sms": { fr: "SMS", en: "SMS" },
  "channel.webchat": { fr: "Web chat", en: "Web chat" },
  language: { fr: "Langue", en: "Language" },
  messages_one: { fr: "{count} message envoyé", en: "{count} message sent" },
  messages_other: { fr: "{count} messages envoyés", en: "{count} messages sent" },
  smsSegments_one: { fr: "{count} SMS facturé ({encoding})", en: "{count} SMS billed ({encoding})" },
  smsSegments_other: { fr: "{count} SMS facturés ({encoding})", en: "{count} SMS billed ({encoding})" },
  labelCut: {
    fr: "« {label} » est coupé en « {shown} » sur ce canal.",
    en: "“{label}” is cut to “{shown}” on this channel.",
  },
  numbered: {
    fr: "Les choix deviennent une liste numérotée : le client répond par le numéro ou le libellé.",
    en: "The choices become a numbered list: the customer answers with the number or the label.",
  },
  listButton: { fr: "Liste derrière le bouton « {button} »", en: "List behind the “{button}” button" },
  quickReplies: {
    fr: "Réponses rapides (disparaissent après un choix)",
    en: "Quick replies (gone once one is tapped)",
  },
  media: { fr: "Média : {kind}", en: "Media: {kind}" },
} satisfies Record<string, UiText>;

export const pw = wordsOf("preview", words);
