import { describe, expect, it } from "vitest";
import { describeReason, parseComparisons } from "../../../designer/src/agent/reason-words.js";
import type { HandoffReason } from "../../../runtime/engine/types.js";
import { describeValueRule } from "../../../runtime/engine/value-detail.js";
import { getPath } from "../../../runtime/engine/variables.js";

const order = { number: "CMD-100002", total: 740, currency: "EUR", dispute: false };

/** A value reason exactly as the engine records it, detail included. */
function valueReason(when: string, variables: Record<string, unknown>, reads: string[], label?: string): HandoffReason {
  const values = Object.fromEntries(reads.map((path) => [path, getPath(variables, path)]));
  return {
    ruleId: "rule",
    kind: "value",
    detail: describeValueRule(when, variables, reads),
    values,
    ...(label ? { label } : {}),
  };
}

describe("handoff reason in plain words", () => {
  it("says the amount with its currency under the rule's label", () => {
    const reason = valueReason("order.total >= 500", { order }, ["order.total"], "Montant de commande élevé");
    expect(reason.detail).toBe("order.total = 740 >= 500");
    expect(describeReason(reason, { order })).toBe("Montant de commande élevé : 740 EUR >= 500 EUR");
  });

  it("names the variable when the rule has no label, and writes decimals the French way", () => {
    const variables = { order: { ...order, total: 740.5 } };
    const reason = valueReason("order.total >= 500", variables, ["order.total"]);
    expect(describeReason(reason, variables)).toBe("order.total 740,50 EUR >= 500 EUR");
    expect(describeReason(reason, variables, "en")).toBe("order.total 740.50 EUR >= 500 EUR");
  });

  it("lets a label speak alone for a yes/no rule", () => {
    const variables = { order: { ...order, dispute: true } };
    const reason = valueReason("order.dispute = true", variables, ["order.dispute"], "Litige en cours");
    expect(describeReason(reason, variables)).toBe("Litige en cours");
  });

  it("joins several comparisons with et / ou", () => {
    const variables = { order, customer: { tier: "gold" } };
    const reason = valueReason(
      'order.total >= 500 or customer.tier = "gold"',
      variables,
      ["order.total", "customer.tier"],
      "Client à soigner",
    );
    expect(describeReason(reason, variables)).toBe(
      "Client à soigner : order.total 740 EUR >= 500 EUR ou customer.tier gold = gold",
    );
  });

  it("reads JSON literals with spaces and lists back from the engine's detail", () => {
    expect(parseComparisons('customer.tier = "très bon" in ["très bon", "gold"]')).toEqual([
      { path: "customer.tier", value: "très bon", operator: "in", literal: ["très bon", "gold"], joiner: undefined },
    ]);
    expect(parseComparisons("$count(order.items) > 3 (order.items = [])")).toBeUndefined();
  });

  it("falls back on the label and the detail for an expression it cannot split", () => {
    const reason: HandoffReason = {
      ruleId: "many",
      kind: "value",
      detail: "$count(order.items) > 3 (order.items = [1,2,3,4])",
      values: { "order.items": [1, 2, 3, 4] },
      label: "Grosse commande",
    };
    expect(describeReason(reason, {})).toBe("Grosse commande ($count(order.items) > 3 (order.items = [1,2,3,4]))");
  });

  it("words the complexity rules in French", () => {
    expect(
      describeReason(
        {
          ruleId: "asks",
          kind: "humanRequest",
          detail: "Le client demande une personne : « un conseiller svp »",
          values: { text: "un conseiller svp", keyword: "conseiller" },
        },
        {},
      ),
    ).toBe("Le client demande un conseiller : « un conseiller svp »");
    expect(
      describeReason(
        {
          ruleId: "nu",
          kind: "failedInputs",
          detail: "failedInputs = 3 >= 3 (réponses non comprises d'affilée)",
          values: { failedInputs: 3, nodeId: "ask-order" },
        },
        {},
      ),
    ).toBe("3 réponses non comprises d'affilée à l'étape « ask-order » (seuil 3)");
    expect(
      describeReason(
        {
          ruleId: "loop",
          kind: "loop",
          detail: "visits = 5 > 4 à l'étape `ask`",
          values: { nodeId: "ask", visits: 5 },
        },
        {},
      ),
    ).toBe("La conversation tourne en rond : étape « ask » vue 5 fois (maximum 4)");
    expect(
      describeReason(
        {
          ruleId: "unsure",
          kind: "lowConfidence",
          detail: "confidence = 0.31 < 0.5 (intention la plus proche : refund)",
          values: { intent: "refund", confidence: 0.31 },
        },
        {},
      ),
    ).toBe("Demande pas comprise avec assez de certitude : confiance 0,31 < 0,50, intention la plus proche « refund »");
    expect(
      describeReason(
        {
          ruleId: "upset",
          kind: "negativeSentiment",
          detail: "sentiment = -0.75 <= -0.5 : « c'est scandaleux »",
          values: { sentiment: -0.75, text: "c'est scandaleux" },
        },
        {},
      ),
    ).toBe("Client mécontent (humeur -0,75 <= -0,50) : « c'est scandaleux »");
  });

  it("words handoff nodes and errors", () => {
    expect(
      describeReason(
        { ruleId: "handoff-order", kind: "node", detail: "Transfert demandé par le parcours", values: {} },
        {},
      ),
    ).toBe("Le parcours passe la main à l'étape « handoff-order »");
    expect(
      describeReason({ ruleId: "vip", kind: "node", detail: "Client VIP", values: {}, label: "Client VIP" }, {}),
    ).toBe("Client VIP");
    expect(describeReason({ ruleId: "error", kind: "error", detail: "The CRM did not answer.", values: {} }, {})).toBe(
      "Le parcours a rencontré une erreur : The CRM did not answer.",
    );
  });

  it("leads with the rule's label whatever its kind, in the agent's language", () => {
    const reason: HandoffReason = {
      ruleId: "stuck",
      kind: "failedInputs",
      label: "Client bloqué",
      detail: "failedInputs = 3 >= 3 (réponses non comprises d'affilée)",
      values: { failedInputs: 3, nodeId: "ask-order" },
    };
    expect(describeReason(reason, {})).toBe(
      "Client bloqué : 3 réponses non comprises d'affilée à l'étape « ask-order » (seuil 3)",
    );
    expect(describeReason(reason, {}, "en")).toBe(
      "Client bloqué: 3 answers in a row not understood at step “ask-order” (threshold 3)",
    );
  });
});
