import type { UiText } from "../../../schema/index.js";
import { wordsOf } from "../i18n.js";

/** The search page's and the customer page's texts. */
const words = {
  search: { fr: "Rechercher", en: "Search" },
  searchTitle: { fr: "Retrouver une conversation", en: "Find a conversation" },
  words: {
    fr: "Nom, e-mail, téléphone, n° de commande, mots du message",
    en: "Name, e-mail, phone, order number, words of a message",
  },
  status: { fr: "État", en: "Status" },
  anyStatus: { fr: "Tous les états", en: "Any status" },
  "status.bot": { fr: "Avec le bot", en: "With the bot" },
  "status.queued": { fr: "En attente", en: "Waiting" },
  "status.agent": { fr: "Prise en charge", en: "With an agent" },
  "status.closed": { fr: "Close", en: "Closed" },
  queue: { fr: "File", en: "Queue" },
  anyQueue: { fr: "Toutes les files", en: "Any queue" },
  channel: { fr: "Canal", en: "Channel" },
  anyChannel: { fr: "Tous les canaux", en: "Any channel" },
  from: { fr: "Commencée à partir du", en: "Started from" },
  to: { fr: "jusqu'au", en: "until" },
  find: { fr: "Chercher", en: "Find" },
  closedList: { fr: "Conversations closes", en: "Closed conversations" },
  found_one: { fr: "{count} conversation trouvée", en: "{count} conversation found" },
  found_other: { fr: "{count} conversations trouvées", en: "{count} conversations found" },
  more: {
    fr: "D'autres conversations correspondent : précisez la recherche pour les voir.",
    en: "More conversations match: narrow the search to see them.",
  },
  nothing: { fr: "Aucune conversation ne correspond.", en: "No conversation matches." },
  heldBy: { fr: "suivie par {name}", en: "handled by {name}" },
  started: { fr: "commencée le {when}", en: "started {when}" },
  open: { fr: "Ouvrir", en: "Open" },
  history: { fr: "Historique du client", en: "Customer history" },
  customerTitle: { fr: "Client : {name}", en: "Customer: {name}" },
  conversations_one: { fr: "{count} conversation", en: "{count} conversation" },
  conversations_other: { fr: "{count} conversations", en: "{count} conversations" },
  email: { fr: "E-mail", en: "E-mail" },
  phone: { fr: "Téléphone", en: "Phone" },
  address: { fr: "Adresse sur le canal", en: "Address on the channel" },
  collected: { fr: "Ce que le bot a recueilli", en: "What the bot collected" },
  nothingCollected: { fr: "Rien n'a été recueilli.", en: "Nothing was collected." },
} satisfies Record<string, UiText>;

export const sw = wordsOf("search", words);
