import type { UiText } from "../../../schema/index.js";
import { wordsOf } from "../i18n.js";

/** Presence and routing texts, in the console, the supervision page and the queue settings. */
const words = {
  presence: { fr: "Ma disponibilité", en: "My presence" },
  "presence.available": { fr: "Disponible", en: "Available" },
  "presence.away": { fr: "Absent", en: "Away" },
  "presence.offline": { fr: "Hors ligne", en: "Offline" },
  presenceHead: { fr: "Disponibilité", en: "Presence" },
  automaticQueue: {
    fr: "Attribution automatique : jusqu'à {capacity} conversations par conseiller disponible.",
    en: "Automatic assignment: up to {capacity} conversations per available agent.",
  },
  routing: { fr: "Attribution des conversations", en: "Conversation routing" },
  "mode.manual": { fr: "Manuelle (« Prendre la suivante »)", en: "Manual (“Take next”)" },
  "mode.automatic": { fr: "Automatique, aux conseillers disponibles", en: "Automatic, to available agents" },
  capacity: { fr: "Conversations simultanées par conseiller", en: "Concurrent conversations per agent" },
  allowPicking: {
    fr: "Les conseillers peuvent choisir une conversation dans la liste d'attente",
    en: "Agents may pick a conversation from the waiting list",
  },
  saveRouting: { fr: "Enregistrer l'attribution", en: "Save routing" },
  routingSaved: { fr: "Attribution enregistrée.", en: "Routing saved." },
  "routingMode.manual": { fr: "manuelle", en: "manual" },
  "routingMode.automatic": { fr: "automatique", en: "automatic" },
  routingSummary: { fr: "attribution {mode}", en: "{mode} routing" },
} satisfies Record<string, UiText>;

export const rw = wordsOf("routing", words);
