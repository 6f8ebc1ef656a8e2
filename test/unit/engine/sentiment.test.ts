import { describe, expect, it } from "vitest";
import { lexiconSentiment } from "../../../runtime/engine/sentiment.js";

/** A small labelled set, written apart from the lexicon: -1 upset, 0 neutral, 1 pleased. */
const LABELLED: [string, -1 | 0 | 1][] = [
  ["pas terrible votre service", -1],
  ["c'est pas terrible du tout", -1],
  ["c'est inadmissible, trois semaines sans colis !", -1],
  ["je suis vraiment déçu", -1],
  ["vous êtes nuls", -1],
  ["j'en ai marre d'attendre", -1],
  ["service lamentable", -1],
  ["où est ma commande", 0],
  ["je voudrais changer mon adresse", 0],
  ["CMD-100001", 0],
  ["merci beaucoup, parfait", 1],
  ["pas mal du tout", 1],
  ["super, merci !", 1],
  ["pas de souci", 1],
  ["this is unacceptable", -1],
  ["worst service ever", -1],
  ["I am really disappointed", -1],
  ["where is my parcel", 0],
  ["thanks a lot, great job", 1],
  ["not bad at all", 1],
];

const label = (score: number) => (score <= -0.2 ? -1 : score >= 0.2 ? 1 : 0);

describe("lexicon sentiment on a labelled set", () => {
  it("reads pas terrible as negative", () => {
    expect(lexiconSentiment("pas terrible", "fr")).toBeLessThan(0);
  });

  it("labels at least 90 % of the set right", () => {
    const right = LABELLED.filter(([text, expected]) => label(lexiconSentiment(text, "fr")) === expected);
    expect(right.length / LABELLED.length).toBeGreaterThanOrEqual(0.9);
  });
});
