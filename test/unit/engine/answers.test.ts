import { describe, expect, it } from "vitest";
import { parseDate, parseEmail, parseNumber } from "../../../runtime/engine/answers.js";
import { findPhones, normalizePhone } from "../../../runtime/engine/phone.js";

describe("normalizePhone", () => {
  it.each([
    ["06 12 34 56 78", "FR", "+33612345678"],
    ["06.12.34.56.78", "FR", "+33612345678"],
    ["01-23-45-67-89", "FR", "+33123456789"],
    ["+33 6 12 34 56 78", "FR", "+33612345678"],
    ["+33 (0)6 12 34 56 78", "FR", "+33612345678"],
    ["+33 06 12 34 56 78", "FR", "+33612345678"],
    ["0033 6 12 34 56 78", "FR", "+33612345678"],
    ["+44 20 7946 0958", "FR", "+442079460958"],
    ["020 7946 0958", "GB", "+442079460958"],
    ["(415) 555-2671", "US", "+14155552671"],
    ["1 415 555 2671", "US", "+14155552671"],
    ["+7 912 345 67 89", "FR", "+79123456789"],
    // Overseas departments share France's national plan: a Réunion mobile, a Guadeloupe line.
    ["0692 12 34 56", "FR", "+262692123456"],
    ["0590 12 34 56", "FR", "+590590123456"],
    ["+262 692 12 34 56", "FR", "+262692123456"],
    ["0692 12 34 56", "RE", "+262692123456"],
  ])("%s in %s is %s", (answer, region, expected) => {
    expect(normalizePhone(answer, region)).toBe(expected);
  });

  it.each([
    ["06 12 34 56", "FR"],
    ["06 12 34 56 78 9", "FR"],
    ["+33 6 12 34", "FR"],
    ["+1234", "FR"],
    ["+999 12345678", "FR"],
    ["06 12 34 56 78", "ZZ"],
    ["06 12 ab 56 78", "FR"],
    ["", "FR"],
  ])("%s in %s is not a phone number", (answer, region) => {
    expect(normalizePhone(answer, region)).toBeUndefined();
  });

  it("reads numbers in France by default", () => {
    expect(normalizePhone("07 56 12 34 56")).toBe("+33756123456");
  });

  it("finds numbers inside a sentence, overseas ones included, and skips invalid ones", () => {
    expect(findPhones("c'est le 0692 12 34 56, sinon le 06 12 34 56 78 ou +999 12345678")).toEqual([
      { value: "+262692123456", start: 9, end: 22 },
      { value: "+33612345678", start: 33, end: 47 },
    ]);
    expect(findPhones("ma commande CMD-100001 du 12/03")).toEqual([]);
  });

  it("finds numbers written in other scripts' digits, and none in a text without digits", () => {
    expect(findPhones("mon numéro : ０６ １２ ３４ ５６ ７８ merci")).toEqual([
      { value: "+33612345678", start: 13, end: 27 },
    ]);
    expect(findPhones("٠٦١٢٣٤٥٦٧٨")).toEqual([{ value: "+33612345678", start: 0, end: 10 }]);
    expect(findPhones("appelez-moi au zéro six douze")).toEqual([]);
  });
});

describe("parseNumber", () => {
  it.each([
    ["12", 12],
    ["12,5", 12.5],
    ["12.5", 12.5],
    ["1 250,50", 1250.5],
    ["1\u202f250,50", 1250.5],
    ["1.250,50", 1250.5],
    ["1,250.50", 1250.5],
    ["-0,5", -0.5],
    ["+3", 3],
    [",5", 0.5],
  ])("%j is %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(["", "abc", "1,2,3x", "12 €", "1e5", "--1", "."])("%j is not a number", (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe("parseEmail", () => {
  it("keeps the local part and lowercases the domain", () => {
    expect(parseEmail(" Marie.Curie+sav@Exemple.COM ")).toBe("Marie.Curie+sav@exemple.com");
  });
  it.each([
    "marie",
    "marie@",
    "@exemple.com",
    "marie@exemple",
    "marie@exemple.c",
    "ma rie@exemple.com",
    "m@@e.com",
    "m@.e.com",
    "m@e..com",
  ])("%j is not an email", (text) => {
    expect(parseEmail(text)).toBeUndefined();
  });
});

describe("parseDate", () => {
  it.each([
    ["31/12/2026", "2026-12-31"],
    ["1/2/2026", "2026-02-01"],
    ["01.02.2026", "2026-02-01"],
    ["01-02-2026", "2026-02-01"],
    ["2026-2-1", "2026-02-01"],
    ["29/02/2024", "2024-02-29"],
    ["29/02/2000", "2000-02-29"],
  ])("%j is %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(["29/02/1900", "31/04/2026", "00/01/2026", "12/2026", "2026/12/31", "31/12/26", "le 3 mars"])(
    "%j is not a date",
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );
});
