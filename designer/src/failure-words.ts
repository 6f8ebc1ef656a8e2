import type { ErrorDetails } from "../../schema/api/index.js";
import { wordsOf } from "./i18n.js";

/**
 * Refusals any screen may meet (the database, the network, the login), in the interface language: the
 * server's own message is in English. Codes a screen handles itself (a draft changed, an agent full…)
 * keep their wording there.
 */
const words = {
  BAD_CREDENTIALS: { fr: "E-mail ou mot de passe incorrect.", en: "Wrong email or password." },
  TOO_MANY_ATTEMPTS: {
    fr: "Trop de mots de passe erronés depuis votre adresse : réessayez dans {minutes} minutes, ou demandez un lien de connexion à un administrateur.",
    en: "Too many wrong passwords from your address: try again in {minutes} minutes, or ask an admin for a login link.",
  },
  ACCOUNT_DISABLED: {
    fr: "Un administrateur a fermé ce compte : demandez-lui de le rouvrir.",
    en: "An admin has closed this account: ask them to open it again.",
  },
  DATABASE_UNAVAILABLE: {
    fr: "La base de données est injoignable pour le moment : réessayez dans quelques secondes. Rien de ce qui était enregistré n'est perdu.",
    en: "The database cannot be reached for now: try again in a few seconds. Nothing already saved is lost.",
  },
  DATABASE_BUSY: { fr: "La base de données était occupée : réessayez.", en: "The database was busy: try again." },
  DATABASE_FULL: {
    fr: "La base de données n'a plus de place pour écrire : prévenez l'exploitant (disque plein). Rien de ce qui était enregistré n'est perdu.",
    en: "The database has no room left to write: tell the operator (disk full). Nothing already saved is lost.",
  },
  RATE_LIMITED: {
    fr: "Trop de demandes à la fois : réessayez dans un instant.",
    en: "Too many requests at once: try again in a moment.",
  },
  TOO_LARGE: { fr: "La demande est trop volumineuse pour le serveur.", en: "The request is too large for the server." },
  INTERNAL: {
    fr: "Le serveur a rencontré une erreur ; elle est consignée dans son journal.",
    en: "Something went wrong on the server; it is in the server log.",
  },
  NETWORK: {
    fr: "Le serveur est injoignable : vérifiez la connexion, puis réessayez.",
    en: "The server cannot be reached: check the connection, then try again.",
  },
  HTTP_5XX: {
    fr: "Le serveur ne répond pas correctement (erreur {status}) : réessayez dans un instant.",
    en: "The server is not answering properly (error {status}): try again in a moment.",
  },
};

const fw = wordsOf("failures", words);

/** The refusal in the interface language, or undefined when the screen words it from the server's code. */
export function failureInWords(code: string, status: number, details: ErrorDetails): string | undefined {
  if (code === "TOO_MANY_ATTEMPTS") {
    return details.retryAfterMinutes === undefined ? undefined : fw(code, { minutes: details.retryAfterMinutes });
  }
  if (code in words && code !== "HTTP_5XX") return fw(code as keyof typeof words);
  if (code.startsWith("HTTP_") && status >= 500) return fw("HTTP_5XX", { status });
  return undefined;
}

/** What to say when the request never reached the server (offline, the server stopped). */
export const networkFailureWords = (): string => fw("NETWORK");
