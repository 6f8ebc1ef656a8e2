import { describe, expect, it } from "vitest";
import { phoneForms, searchTerms } from "../../../runtime/queue/search-terms.js";

const SAME_NUMBER = [
  "0698765432",
  "06 98 76 54 32",
  "06.98.76.54.32",
  "06-98-76-54-32",
  "+33698765432",
  "+33 6 98 76 54 32",
  "+33 (0)6 98 76 54 32",
  "0033698765432",
  "698765432",
];

describe("phone numbers in a document, for its full-text index", () => {
  it("gives every number written in the text in E.164 and in its national digits, each once", () => {
    expect(phoneForms("Bonjour\nRappelez-moi au 06 98 76 54 32 ou au +33 6 98 76 54 32 svp")).toEqual([
      "+33698765432",
      "0698765432",
    ]);
    expect(phoneForms("+33698765432\nmon fixe : 01 23 45 67 89")).toEqual([
      "+33698765432",
      "0698765432",
      "+33123456789",
      "0123456789",
    ]);
  });

  it("keeps another country's number in its own country", () => {
    expect(phoneForms("+32 470 12 34 56")).toEqual(["+32470123456", "0470123456"]);
  });

  it("gives nothing for words, order numbers, dates, or digits that are no valid number", () => {
    expect(phoneForms("Ma commande CMD-4242 du 12/03/2024 à 14h30, colis 2024-03-12")).toEqual([]);
    expect(phoneForms("06 00 00 00\n1234567890123456\n+999 1234 5678")).toEqual([]);
    expect(phoneForms("")).toEqual([]);
  });
});

describe("a search query's terms", () => {
  it("reads a number typed any way as one term, found in E.164, in national digits or as typed", () => {
    for (const typed of SAME_NUMBER) {
      const [term, ...others] = searchTerms(typed);
      expect(others, typed).toEqual([]);
      expect(term?.slice(0, 2), typed).toEqual([["+33698765432"], ["0698765432"]]);
    }
    expect(searchTerms("06 98 76 54 32")).toEqual([[["+33698765432"], ["0698765432"], ["06", "98", "76", "54", "32"]]]);
    expect(searchTerms("0698765432")).toEqual([[["+33698765432"], ["0698765432"]]]);
  });

  it("keeps the other words of the query as terms of their own", () => {
    expect(searchTerms("Dupont 06 98 76 54 32 facture")).toEqual([
      [["+33698765432"], ["0698765432"], ["06", "98", "76", "54", "32"]],
      [["Dupont"]],
      [["facture"]],
    ]);
    expect(searchTerms("commande CMD-4242 colissimo")).toEqual([[["commande"]], [["CMD-4242"]], [["colissimo"]]]);
    expect(searchTerms("12345678")).toEqual([[["12345678"]]]);
    expect(searchTerms("  ")).toEqual([]);
  });

  it("looks for a number that is only maybe one as typed too", () => {
    expect(searchTerms("123456789")).toEqual([[["+33123456789"], ["0123456789"], ["123456789"]]]);
  });

  it("looks for 20 terms at most", () => {
    expect(searchTerms(Array.from({ length: 30 }, (_, n) => `mot${n}`).join(" "))).toHaveLength(20);
  });
});
