import { describe, expect, it } from "vitest";
import { findAmounts } from "../../../runtime/engine/index.js";

describe("amounts with their currency", () => {
  it.each([
    ["300 €", 300, "EUR"],
    ["300€", 300, "EUR"],
    ["300 euros", 300, "EUR"],
    ["300 euro", 300, "EUR"],
    ["300 EURO", 300, "EUR"],
    ["300EUR", 300, "EUR"],
    ["45,50 EUR", 45.5, "EUR"],
    ["eur 12", 12, "EUR"],
    ["€300", 300, "EUR"],
    ["€ 1 000", 1000, "EUR"],
    ["1 250,50 €", 1250.5, "EUR"],
    ["1\u00a0250,50\u00a0€", 1250.5, "EUR"],
    ["1\u202f250 €", 1250, "EUR"],
    ["1.250,50 €", 1250.5, "EUR"],
    ["0,99 €", 0.99, "EUR"],
    ["45€50", 45.5, "EUR"],
    ["$45.50", 45.5, "USD"],
    ["$1,250.50", 1250.5, "USD"],
    ["5.5$", 5.5, "USD"],
    ["US$ 40", 40, "USD"],
    ["40 dollars", 40, "USD"],
    ["40 USD", 40, "USD"],
    ["99 Dollars canadiens", 99, "CAD"],
    ["CA$ 15", 15, "CAD"],
    ["£20", 20, "GBP"],
    ["20 livres sterling", 20, "GBP"],
    ["20 pounds", 20, "GBP"],
    ["CHF 80", 80, "CHF"],
    ["80 francs suisses", 80, "CHF"],
  ])("reads %j as %d %s", (text, value, currency) => {
    expect(findAmounts(text)).toEqual([{ value, currency }]);
  });

  it("finds amounts inside sentences, in order", () => {
    expect(findAmounts("j'ai payé 300€ et on m'a remboursé 20 $ seulement")).toEqual([
      { value: 300, currency: "EUR" },
      { value: 20, currency: "USD" },
    ]);
    expect(findAmounts("ma commande CMD-100001 de 89,90 € n'est pas arrivée")).toEqual([
      { value: 89.9, currency: "EUR" },
    ]);
    expect(findAmounts("I was charged $45.50 twice")).toEqual([{ value: 45.5, currency: "USD" }]);
  });

  it.each([
    "3 pommes",
    "300",
    "300 europe",
    "300 eurosx",
    "pour 12 colis",
    "leur 12 colis",
    "l'heure 12",
    "le 12/03 à 15h",
    "CMD-100001",
    "06 12 34 56 78",
    "€",
    "euros",
    "",
    "🙂🙂",
  ])("finds no amount in %j", (text) => {
    expect(findAmounts(text)).toEqual([]);
  });

  it("reads only the first thousand characters of a pasted essay", () => {
    expect(findAmounts(`${"bla ".repeat(1000)}300 €`)).toEqual([]);
    expect(findAmounts(`300 € ${"bla ".repeat(1000)}`)).toEqual([{ value: 300, currency: "EUR" }]);
  });
});
