import { afterEach, describe, expect, it } from "vitest";
import { language, setLanguage, t, wordsOf } from "../../../designer/src/i18n.js";

describe("interface words", () => {
  const before = language;
  afterEach(() => setLanguage(before));

  it("fills `{name}` placeholders in the interface language", () => {
    setLanguage("fr");
    expect(t("copyName", { name: "Accueil" })).toBe("Accueil (copie)");
    setLanguage("en");
    expect(t("copyName", { name: "Accueil" })).toBe("Accueil (copy)");
  });

  it("picks the plural form from `count`, by each language's rules", () => {
    setLanguage("fr");
    expect([0, 1, 2].map((count) => t("nodes", { count }))).toEqual(["0 étape", "1 étape", "2 étapes"]);
    setLanguage("en");
    expect([0, 1, 2].map((count) => t("nodes", { count }))).toEqual(["0 nodes", "1 node", "2 nodes"]);
  });

  it("keeps keys with dots and slashes whole", () => {
    setLanguage("en");
    expect(t("template.blank")).toBe("Blank");
    const say = wordsOf("test-keys", { "lint/some-code": { fr: "Un", en: "One" } });
    expect(say("lint/some-code")).toBe("One");
  });
});
