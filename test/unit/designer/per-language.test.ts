import { describe, expect, it } from "vitest";
import { editedLanguages, withLanguage } from "../../../designer/src/model/per-language.js";

describe("a per-language text as a form edits it", () => {
  it("is edited in the flow's languages, then in any other it holds", () => {
    expect(editedLanguages(["fr", "en"], {})).toEqual(["fr", "en"]);
    expect(editedLanguages(["fr"], { en: "Order status", fr: "Suivi" })).toEqual(["fr", "en"]);
  });

  it("sets one language's version, drops it when emptied, and is no text once none is left", () => {
    expect(withLanguage({ fr: "Suivi" }, "en", "Order status ")).toEqual({ fr: "Suivi", en: "Order status " });
    expect(withLanguage({ fr: "Suivi", en: "Order" }, "en", "")).toEqual({ fr: "Suivi" });
    expect(withLanguage({ fr: "Suivi" }, "fr", undefined)).toBeUndefined();
  });
});
