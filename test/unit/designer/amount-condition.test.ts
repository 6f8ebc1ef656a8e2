import { describe, expect, it } from "vitest";
import { type Condition, fromExpression, toExpression } from "../../../designer/src/model/condition.js";

const types = { refund: "object", "refund.value": "number", "refund.currency": "string", tier: "string" } as const;

describe("condition rows of an amount in a currency", () => {
  it.each<[string, Condition]>([
    [
      'refund.value >= 500 and refund.currency = "EUR"',
      { match: "all", rows: [{ variable: "refund.value", operator: "ge", value: 500, currency: "EUR" }] },
    ],
    [
      '(refund.value > 500 and refund.currency = "EUR") and tier = "gold"',
      {
        match: "all",
        rows: [
          { variable: "refund.value", operator: "gt", value: 500, currency: "EUR" },
          { variable: "tier", operator: "eq", value: "gold" },
        ],
      },
    ],
    [
      '(refund.value < 20 and refund.currency = "GBP") or (refund.value < 25 and refund.currency = "USD")',
      {
        match: "any",
        rows: [
          { variable: "refund.value", operator: "lt", value: 20, currency: "GBP" },
          { variable: "refund.value", operator: "lt", value: 25, currency: "USD" },
        ],
      },
    ],
    // Without a currency, by value alone: shown so, never given one.
    ["refund.value >= 500", { match: "all", rows: [{ variable: "refund.value", operator: "ge", value: 500 }] }],
  ])("%s reads back as the rows that wrote it", (source, condition) => {
    expect(toExpression(condition, types)).toBe(source);
    expect(fromExpression(source, types)).toEqual({ ok: true, condition });
  });

  it("reads the currency written first, as a person may type it", () => {
    expect(fromExpression('refund.currency = "CHF" and refund.value <= 80', types)).toEqual({
      ok: true,
      condition: { match: "all", rows: [{ variable: "refund.value", operator: "le", value: 80, currency: "CHF" }] },
    });
  });

  it("keeps another variable's currency as a row of its own", () => {
    const read = fromExpression('refund.value >= 500 and order.currency = "EUR"', types);
    expect(read.ok && read.condition.rows).toEqual([
      { variable: "refund.value", operator: "ge", value: 500 },
      { variable: "order.currency", operator: "eq", value: "EUR" },
    ]);
  });

  it("writes no currency for a variable with nowhere to keep one", () => {
    expect(
      toExpression({ match: "all", rows: [{ variable: "total", operator: "ge", value: 5, currency: "EUR" }] }, {}),
    ).toBe("total >= 5");
  });
});
