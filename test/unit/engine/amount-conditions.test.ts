import { describe, expect, it } from "vitest";
import { describeReason } from "../../../designer/src/agent/reason-words.js";
import { type ConditionRow, toExpression } from "../../../designer/src/model/condition.js";
import { reasonFormula } from "../../../runtime/engine/reason-formula.js";
import type { StepResult } from "../../../runtime/engine/types.js";
import { valueComparisons } from "../../../runtime/engine/value-comparisons.js";
import type { Flow } from "../../../schema/index.js";
import { Conversation, makeFlow } from "./harness.js";

/**
 * An amount compared with a threshold in a currency holds only for an amount in that currency: no rate is
 * made up to convert "740 USD" into euros, so "refund of 500 euros or more" does not fire for 740 dollars.
 * The condition is the builder's own output, run by the engine as a branch and as an escalation value rule.
 */
const types = { refund: "object", "refund.value": "number", "refund.currency": "string" } as const;
const inEuros: ConditionRow = { variable: "refund.value", operator: "ge", value: 500, currency: "EUR" };
const when = toExpression({ match: "all", rows: [inEuros] }, types);

const askRefund: Flow["nodes"][number] = {
  id: "ask",
  type: "question",
  text: "Quel montant ?",
  input: { kind: "amount", currency: "EUR" },
  saveAs: "refund",
  next: "route",
};

function branching(condition: string): Flow {
  return makeFlow([
    { id: "start", type: "start", next: "ask" },
    askRefund,
    { id: "route", type: "condition", rules: [{ id: "big", when: condition, next: "big" }], else: "small" },
    { id: "big", type: "message", text: "Gros remboursement", next: "end" },
    { id: "small", type: "message", text: "Petit remboursement", next: "end" },
    { id: "end", type: "end" },
  ]);
}

const escalating = makeFlow(
  [
    { id: "start", type: "start", next: "ask" },
    askRefund,
    { id: "route", type: "message", text: "Noté.", next: "end" },
    { id: "end", type: "end" },
  ],
  {
    escalation: {
      defaultQueue: "support",
      rules: [
        {
          id: "big-refund",
          kind: "value",
          when,
          label: { fr: "Remboursement élevé" },
          queue: "support",
          priority: "high",
        },
      ],
    },
  },
);

function handoffOf(result: StepResult) {
  if (result.status.type !== "handoff") throw new Error(`expected a handoff, got ${result.status.type}`);
  return result.status.handoff;
}

describe("amounts compared with a threshold in a currency", () => {
  it("are written by the builder as the value and the currency both", () => {
    expect(when).toBe('refund.value >= 500 and refund.currency = "EUR"');
  });

  it.each([
    ["740 €", "Gros remboursement"],
    ["740 euros", "Gros remboursement"],
    ["$740", "Petit remboursement"],
    ["740 CHF", "Petit remboursement"],
    ["320 €", "Petit remboursement"],
    // A bare number takes the question's currency.
    ["740", "Gros remboursement"],
  ])("branch: %s → %s", async (answer, reply) => {
    const conversation = new Conversation(branching(when));
    await conversation.start();
    await conversation.say(answer);
    expect(conversation.texts).toContain(reply);
  });

  it("compare by value alone when the condition names no currency, as a hand-written expression may", async () => {
    const conversation = new Conversation(branching("refund.value >= 500"));
    await conversation.start();
    await conversation.say("$740");
    expect(conversation.texts).toContain("Gros remboursement");
  });

  it("escalation: 740 dollars does not fire a rule of 500 euros", async () => {
    const conversation = new Conversation(escalating);
    await conversation.start();
    const result = await conversation.say("on me doit 740 $");
    expect(result.status.type).toBe("end");
  });

  it("escalation: 740 euros fires it, the threshold's currency in the reason", async () => {
    const conversation = new Conversation(escalating);
    await conversation.start();
    const reason = handoffOf(await conversation.say("on me doit 740 €")).reason;
    expect(reason).toMatchObject({
      kind: "value",
      comparisons: [
        { path: "refund.value", value: 740, currency: "EUR", operator: ">=", literal: 500, literalCurrency: "EUR" },
      ],
    });
    expect(reasonFormula(reason)).toBe("refund.value = 740 >= 500 EUR");
    expect(describeReason(reason, {}, "fr")).toBe("Remboursement élevé : 740 EUR >= 500 EUR");
  });

  it("a rule of several currencies says each threshold in its own", () => {
    const rows: ConditionRow[] = [inEuros, { ...inEuros, value: 600, currency: "USD" }];
    const either = toExpression({ match: "any", rows }, types);
    expect(either).toBe(
      '(refund.value >= 500 and refund.currency = "EUR") or (refund.value >= 600 and refund.currency = "USD")',
    );
    expect(valueComparisons(either, { refund: { value: 740, currency: "USD" } })).toEqual([
      { path: "refund.value", value: 740, currency: "USD", operator: ">=", literal: 500, literalCurrency: "EUR" },
      {
        path: "refund.value",
        value: 740,
        currency: "USD",
        operator: ">=",
        literal: 600,
        literalCurrency: "USD",
        joiner: "or",
      },
    ]);
  });

  it.each([
    ['refund.currency = "EUR" and refund.value >= 500', [{ literal: 500, literalCurrency: "EUR" }]],
    [
      'customer.tier = "gold" and refund.value >= 500 and refund.currency = "EUR"',
      [{ path: "customer.tier" }, { path: "refund.value", literalCurrency: "EUR", joiner: "and" }],
    ],
    // A currency beside another amount's value is a comparison of its own.
    ['order.total >= 500 and refund.currency = "EUR"', [{ path: "order.total" }, { path: "refund.currency" }]],
  ])("value comparisons of %s", (source, expected) => {
    const variables = { refund: { value: 740, currency: "EUR" }, order: { total: 9 }, customer: { tier: "gold" } };
    expect(valueComparisons(source, variables)).toMatchObject(expected);
  });

  it("keeps no comparisons for a group it would have to flatten", () => {
    const source = '(refund.value >= 500 or order.total >= 500) and refund.currency = "EUR"';
    expect(valueComparisons(source, { refund: { value: 740, currency: "EUR" } })).toBeUndefined();
  });
});
