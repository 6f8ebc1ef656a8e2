import { describe, expect, it } from "vitest";
import { length, numberedChoices, shorten, splitText } from "../../../runtime/channels/text-limits.js";

describe("text within a channel's limits", () => {
  it("counts characters as a person does, an emoji as one", () => {
    expect(length("Colis 📦")).toBe(7);
  });

  it("shortens with an ellipsis only when the text is too long", () => {
    expect(shorten("Suivre ma commande", 20)).toBe("Suivre ma commande");
    expect(shorten("Suivre ma commande en cours", 20)).toBe("Suivre ma commande…");
    expect(length(shorten("Suivre ma commande en cours", 20))).toBeLessThanOrEqual(20);
    expect(shorten("📦📦📦📦", 3)).toBe("📦📦…");
  });

  it("splits after a sentence, never inside a word or a link", () => {
    const text = "Votre colis est parti. Suivez-le sur https://suivi.example.fr/colis/123456 dès demain.";
    const pieces = splitText(text, 40);
    for (const piece of pieces) expect(length(piece)).toBeLessThanOrEqual(40);
    expect(pieces.join(" ")).toBe(text);
    expect(pieces.some((piece) => piece.includes("https://suivi.example.fr/colis/123456"))).toBe(true);
    expect(pieces[0]).toBe("Votre colis est parti.");
  });

  it("keeps a text that fits whole, and cuts a word longer than the limit", () => {
    expect(splitText("Bonjour", 10)).toEqual(["Bonjour"]);
    expect(splitText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(splitText("", 4)).toEqual([]);
  });

  it("splits by a custom measure", () => {
    const pieces = splitText("aa bb cc", 4, (text) => text.length * 2);
    expect(pieces).toEqual(["aa", "bb", "cc"]);
  });

  it("numbers choices under the text", () => {
    expect(numberedChoices("Que voulez-vous ?", [{ label: "Suivre" }, { label: "Annuler" }])).toBe(
      "Que voulez-vous ?\n1. Suivre\n2. Annuler",
    );
    expect(numberedChoices("", [{ label: "Oui" }])).toBe("1. Oui");
  });
});
