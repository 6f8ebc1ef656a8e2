import type { UiText } from "../../../schema/index.js";
import { wordsOf } from "../i18n.js";

/** The team report page's texts. */
const words = {
  reports: { fr: "Rapports", en: "Reports" },
  title: { fr: "Rapport d'équipe", en: "Team report" },
  from: { fr: "Du", en: "From" },
  to: { fr: "au", en: "to" },
  show: { fr: "Afficher", en: "Show" },
  csv: { fr: "Télécharger en CSV", en: "Download as CSV" },
  byQueue: { fr: "Par file", en: "By queue" },
  byAgent: { fr: "Par conseiller", en: "By agent" },
  noQueue: { fr: "Aucune file.", en: "No queue." },
  noAgent: {
    fr: "Personne n'a pris de conversation sur cette période.",
    en: "Nobody took a conversation over this period.",
  },
  name: { fr: "Nom", en: "Name" },
  handled: { fr: "Prises en charge", en: "Handled" },
  wait: { fr: "Attente médiane / p90", en: "Wait, median / p90" },
  handling: { fr: "Traitement médian / p90", en: "Handling, median / p90" },
  slaMet: { fr: "Délai tenu", en: "SLA met" },
  transfers: { fr: "Transferts", en: "Transfers" },
  dispositions: { fr: "Clôtures", en: "Dispositions" },
  satisfaction: { fr: "Satisfaction (1 à 5)", en: "Satisfaction (1 to 5)" },
  satisfactionValue_one: {
    fr: "{average} sur 5, {count} réponse",
    en: "{average} out of 5, {count} answer",
  },
  satisfactionValue_other: {
    fr: "{average} sur 5, {count} réponses",
    en: "{average} out of 5, {count} answers",
  },
  satisfactionScores: {
    fr: "Notes 1 à 5 : {scores}",
    en: "Scores 1 to 5: {scores}",
  },
} satisfies Record<string, UiText>;

export const rpw = wordsOf("reports", words);
