import { afterEach, describe, expect, it } from "vitest";
import { failureInWords, networkFailureWords } from "../../../designer/src/failure-words.js";
import { language, setLanguage } from "../../../designer/src/i18n.js";

describe("refusals any screen may meet, in the interface language", () => {
  const before = language;
  afterEach(() => setLanguage(before));

  it("words the database's, the network's and the login's refusals in French and in English", () => {
    setLanguage("fr");
    expect(failureInWords("DATABASE_UNAVAILABLE", 503, {})).toBe(
      "La base de données est injoignable pour le moment : réessayez dans quelques secondes. Rien de ce qui était enregistré n'est perdu.",
    );
    expect(failureInWords("DATABASE_FULL", 503, {})).toContain("disque plein");
    expect(networkFailureWords()).toBe("Le serveur est injoignable : vérifiez la connexion, puis réessayez.");
    expect(failureInWords("TOO_MANY_ATTEMPTS", 429, { retryAfterMinutes: 12 })).toContain("réessayez dans 12 minutes");
    setLanguage("en");
    expect(failureInWords("BAD_CREDENTIALS", 401, {})).toBe("Wrong email or password.");
    expect(failureInWords("DATABASE_BUSY", 503, {})).toBe("The database was busy: try again.");
  });

  it("words a proxy's error page by its status, and leaves the codes a screen words itself", () => {
    setLanguage("fr");
    expect(failureInWords("HTTP_502", 502, {})).toBe(
      "Le serveur ne répond pas correctement (erreur 502) : réessayez dans un instant.",
    );
    expect(failureInWords("HTTP_404", 404, {})).toBeUndefined();
    expect(failureInWords("DRAFT_CHANGED", 409, {})).toBeUndefined();
    // Without its minutes the server's own sentence is kept rather than a guess.
    expect(failureInWords("TOO_MANY_ATTEMPTS", 429, {})).toBeUndefined();
  });
});
