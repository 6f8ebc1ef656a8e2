import { afterEach, describe, expect, it } from "vitest";
import { language, setLanguage } from "../../../designer/src/i18n.js";
import { conditionInWords } from "../../../designer/src/inspector/enum-words.js";

describe("a condition rule's way out on the canvas", () => {
  const before = language;
  afterEach(() => setLanguage(before));

  it.each([
    ["true", "toujours", "always"],
    ["order.total >= 500", "order.total ≥ 500", "order.total ≥ 500"],
    ['order.total >= 500 and order.currency = "EUR"', "order.total ≥ 500 EUR", "order.total ≥ 500 EUR"],
    ["order.dispute = true", "order.dispute est vrai", "order.dispute is true"],
    [
      'intent.id = "refund" or customer.tier = "gold"',
      "intent.id est « refund » ou customer.tier est « gold »",
      "intent.id is “refund” or customer.tier is “gold”",
    ],
    ["$exists(order)", "order est renseigné", "order is set"],
  ])("words %j as the condition builder does", (when, fr, en) => {
    setLanguage("fr");
    expect(conditionInWords(when)).toBe(fr);
    setLanguage("en");
    expect(conditionInWords(when)).toBe(en);
  });

  it("shows an expression the builder cannot show as rows as it is written", () => {
    expect(conditionInWords("$count(items) > 2 and x")).toBe("$count(items) > 2 and x");
  });
});
