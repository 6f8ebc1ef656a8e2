import type { DeliveryState, MessageDelivery } from "../../../schema/api/index.js";
import type { UiText } from "../../../schema/index.js";
import { wordsOf } from "../i18n.js";

/** What agents read beside each message sent: how far it got, and why it did not, in words. */
const words = {
  "state.sending": { fr: "Envoi en cours", en: "Sending" },
  "state.sent": { fr: "Envoyé", en: "Sent" },
  "state.delivered": { fr: "Remis", en: "Delivered" },
  "state.read": { fr: "Lu", en: "Read" },
  "state.failed": { fr: "Non remis", en: "Not delivered" },
  retrying_one: {
    fr: "{count} essai échoué, nouvel essai bientôt ({why})",
    en: "{count} attempt failed, trying again soon ({why})",
  },
  retrying_other: {
    fr: "{count} essais échoués, nouvel essai bientôt ({why})",
    en: "{count} attempts failed, trying again soon ({why})",
  },
  "reason.window": {
    fr: "plus de 24 h depuis le dernier message du client : seul un modèle approuvé peut lui être envoyé",
    en: "more than 24 hours since the customer last wrote: only an approved template can reach them",
  },
  "reason.noAccount": {
    fr: "ce numéro n'a pas de compte WhatsApp, ou son application est trop ancienne",
    en: "this number has no WhatsApp account, or its app is too old",
  },
  "reason.limited": {
    fr: "WhatsApp limite les messages vers ce client pour le moment",
    en: "WhatsApp limits the messages to this customer for now",
  },
  "reason.rate": {
    fr: "trop de messages envoyés d'un coup, le fournisseur freine",
    en: "too many messages at once, the provider is slowing down",
  },
  "reason.unreachable": {
    fr: "téléphone injoignable (éteint ou hors réseau)",
    en: "phone unreachable (switched off or out of coverage)",
  },
  "reason.blocked": { fr: "le client a bloqué nos messages", en: "the customer blocked our messages" },
  "reason.unknownNumber": {
    fr: "numéro inconnu ou qui n'existe plus",
    en: "unknown number, or one that no longer exists",
  },
  "reason.landline": {
    fr: "ligne fixe ou opérateur qui ne reçoit pas de SMS",
    en: "a landline, or a carrier that takes no SMS",
  },
  "reason.filtered": {
    fr: "filtré par l'opérateur comme indésirable",
    en: "filtered by the carrier as unwanted",
  },
  "reason.carrier": { fr: "erreur de l'opérateur, sans plus de détail", en: "a carrier error, with no detail" },
  "reason.provider": { fr: "le fournisseur dit : « {why} »", en: "the provider says: “{why}”" },
  withReason: { fr: "{state} : {why}", en: "{state}: {why}" },
  retried: { fr: "{state} · {why}", en: "{state} · {why}" },
} satisfies Record<string, UiText>;

const dw = wordsOf("deliveries", words);

/** Provider error codes people can act on (WhatsApp Cloud API, Twilio), by what they mean. */
const REASONS: Record<string, `reason.${string}` & keyof typeof words> = {
  "131047": "reason.window",
  "131026": "reason.noAccount",
  "131049": "reason.limited",
  "130429": "reason.rate",
  "131056": "reason.rate",
  "30003": "reason.unreachable",
  "30004": "reason.blocked",
  "30005": "reason.unknownNumber",
  "30006": "reason.landline",
  "30007": "reason.filtered",
  "30008": "reason.carrier",
};

/** A provider's reason in words: a known code said plainly, anything else quoted as the provider gave it. */
export function deliveryReason(error: string): string {
  const code = /\b(\d{5,6})\b/.exec(error)?.[1];
  const known = code ? REASONS[code] : undefined;
  return known ? dw(known) : dw("reason.provider", { why: error });
}

/** A message's delivery in words: its state, with why it failed or is being tried again. */
export function deliveryWords(delivery: MessageDelivery): string {
  const state = dw(`state.${delivery.state}` as `state.${DeliveryState}`);
  if (delivery.state === "failed" && delivery.error) {
    return dw("withReason", { state, why: deliveryReason(delivery.error) });
  }
  if (delivery.state === "sending" && delivery.error && delivery.attempts > 0) {
    return dw("retried", {
      state,
      why: dw("retrying", { count: delivery.attempts, why: deliveryReason(delivery.error) }),
    });
  }
  return state;
}
