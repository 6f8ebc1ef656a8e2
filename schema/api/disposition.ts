import type { UiText } from "../nodes/definition.js";

/**
 * How an agent closes a case: stored and reported as the code, shown in the reader's language.
 * A code reaches reports and CRMs unchanged whichever language the agent works in.
 */
export const DISPOSITIONS = {
  resolved: { fr: "Résolu", en: "Resolved" },
  refund: { fr: "Remboursement", en: "Refund" },
  replacement: { fr: "Renvoi du produit", en: "Replacement" },
  info: { fr: "Information donnée", en: "Information given" },
  "no-answer": { fr: "Client sans réponse", en: "Customer stopped answering" },
} as const satisfies Record<string, UiText>;

export type Disposition = keyof typeof DISPOSITIONS;

export const DISPOSITION_CODES = Object.keys(DISPOSITIONS) as Disposition[];

export const isDisposition = (code: string): code is Disposition => code in DISPOSITIONS;
