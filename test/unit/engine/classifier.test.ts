import { describe, expect, it } from "vitest";
import { lexiconSentiment, overlapClassifier } from "../../../runtime/engine/index.js";

const intents = [
  { id: "order_status", examples: ["où est ma commande", "suivi de ma livraison"] },
  { id: "refund", examples: ["je veux être remboursé", "remboursement de ma commande"] },
  { id: "human", examples: ["parler à un conseiller"] },
];

describe("overlapClassifier", () => {
  it("ranks every intent best first, with confidences between 0 and 1", () => {
    const ranked = overlapClassifier("Bonjour, où est ma commande n°12345 ?", intents);
    expect(ranked.map((entry) => entry.intent)).toEqual(["order_status", "refund", "human"]);
    expect(ranked[0]?.confidence).toBe(1);
    for (const entry of ranked) {
      expect(entry.confidence).toBeGreaterThanOrEqual(0);
      expect(entry.confidence).toBeLessThanOrEqual(1);
    }
    expect(ranked[2]?.confidence).toBe(0);
  });

  it("ignores accents, case, punctuation and politeness", () => {
    expect(overlapClassifier("OU EST MA COMMANDE, MERCI !!", intents)[0]).toEqual({
      intent: "order_status",
      confidence: 1,
    });
  });

  it("gives partial credit to words with a long common beginning", () => {
    const ranked = overlapClassifier("remboursements", intents);
    expect(ranked[0]?.intent).toBe("refund");
    expect(ranked[0]?.confidence).toBeGreaterThan(0.4);
    expect(ranked[0]?.confidence).toBeLessThan(1);
  });

  it("scores a text that says more than the example lower than the example itself", () => {
    const exact = overlapClassifier("parler à un conseiller", intents)[0]?.confidence ?? 0;
    const longer =
      overlapClassifier("je voudrais parler à un conseiller rapidement pour ma facture", intents)[0]?.confidence ?? 0;
    expect(exact).toBe(1);
    expect(longer).toBeLessThan(exact);
    expect(longer).toBeGreaterThan(0.6);
  });

  it("gives nothing to an unrelated text, an empty text and intents without examples", () => {
    expect(overlapClassifier("quel temps fait-il", intents).every((entry) => entry.confidence === 0)).toBe(true);
    expect(overlapClassifier("", intents).every((entry) => entry.confidence === 0)).toBe(true);
    expect(overlapClassifier("commande", [{ id: "empty", examples: [] }])).toEqual([
      { intent: "empty", confidence: 0 },
    ]);
  });

  it("is deterministic and keeps the intents' order on ties", () => {
    const tie = [
      { id: "a", examples: ["colis"] },
      { id: "b", examples: ["colis"] },
    ];
    expect(overlapClassifier("mon colis", tie)).toEqual(overlapClassifier("mon colis", tie));
    expect(overlapClassifier("mon colis", tie).map((entry) => entry.intent)).toEqual(["a", "b"]);
  });
});

describe("lexiconSentiment", () => {
  it.each([
    ["C'est inadmissible, je suis furieux !", -0.8],
    ["This is unacceptable", -0.5],
    ["vraiment déçu", -0.5],
  ])("%j is at most %d", (text, bound) => {
    expect(lexiconSentiment(text, "fr")).toBeLessThanOrEqual(bound);
  });

  it.each([["Merci, c'est parfait"], ["Great, thanks!"]])("%j is positive", (text) => {
    expect(lexiconSentiment(text, "fr")).toBeGreaterThan(0.3);
  });

  it("is 0 for a neutral text", () => {
    expect(lexiconSentiment("Ma commande 1234 est partie hier", "fr")).toBe(0);
  });

  it("flips a negated word and weighs intensifiers and exclamations", () => {
    expect(lexiconSentiment("je ne suis pas content", "fr")).toBeLessThan(0);
    expect(lexiconSentiment("not bad", "en")).toBeGreaterThan(0);
    expect(lexiconSentiment("très déçu", "fr")).toBeLessThan(lexiconSentiment("déçu", "fr"));
    expect(lexiconSentiment("déçu !!!", "fr")).toBeLessThan(lexiconSentiment("déçu", "fr"));
  });

  it("stays within -1 and 1", () => {
    const furious = "horrible horrible scandaleux arnaque inadmissible honteux ".repeat(20);
    expect(lexiconSentiment(furious, "fr")).toBeGreaterThanOrEqual(-1);
    expect(lexiconSentiment("super génial parfait ".repeat(20), "fr")).toBeLessThanOrEqual(1);
  });
});
