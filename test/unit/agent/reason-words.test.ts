import { describe, expect, it, onTestFinished } from "vitest";
import { flatten } from "../../../designer/src/agent/HandoffPacket.js";
import {
  describeReason,
  formatValue,
  idInWords,
  intentWords,
  savedIntent,
} from "../../../designer/src/agent/reason-words.js";
import { language, setLanguage } from "../../../designer/src/i18n.js";
import { reasonFormula } from "../../../runtime/engine/reason-formula.js";
import { valueComparisons } from "../../../runtime/engine/value-comparisons.js";
import { getPath } from "../../../runtime/engine/variables.js";
import type { HandoffReason } from "../../../schema/api/handoff.js";

const order = { number: "CMD-100002", total: 740, currency: "EUR", dispute: false };

/** A value reason exactly as the engine records it. */
function valueReason(when: string, variables: Record<string, unknown>, reads: string[], label?: string): HandoffReason {
  const values = Object.fromEntries(reads.map((path) => [path, getPath(variables, path)]));
  const comparisons = valueComparisons(when, variables);
  return {
    ruleId: "rule",
    kind: "value",
    when,
    values,
    ...(comparisons ? { comparisons } : {}),
    ...(label ? { label } : {}),
  };
}

describe("handoff reason in plain words", () => {
  it("says the amount with its currency under the rule's label", () => {
    const reason = valueReason("order.total >= 500", { order }, ["order.total"], "Montant de commande élevé");
    expect(reasonFormula(reason)).toBe("order.total = 740 >= 500");
    expect(describeReason(reason, { order })).toBe("Montant de commande élevé : 740 EUR >= 500 EUR");
  });

  it("carries the currency in the reason, for lists that show it without the collected variables", () => {
    const reason = valueReason("order.total >= 500", { order }, ["order.total"], "Montant de commande élevé");
    expect(reason.kind === "value" && reason.comparisons?.[0]?.currency).toBe("EUR");
    expect(describeReason(reason, {})).toBe("Montant de commande élevé : 740 EUR >= 500 EUR");
  });

  it("shows an amount a question saved with its currency", () => {
    const variables = { refund: { value: 45.5, currency: "USD" } };
    const reason = valueReason("refund.value > 40", variables, ["refund.value"]);
    expect(describeReason(reason, {}, "en")).toBe("refund.value 45.50 USD > 40 USD");
    expect(describeReason(reason, {})).toBe("refund.value 45,50 USD > 40 USD");
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

  it("keeps JSON literals with spaces and lists as the values they are", () => {
    const reason = valueReason('customer.tier in ["très bon", "gold"]', { customer: { tier: "très bon" } }, [
      "customer.tier",
    ]);
    expect(reason).toMatchObject({
      comparisons: [{ path: "customer.tier", value: "très bon", operator: "in", literal: ["très bon", "gold"] }],
    });
    expect(reasonFormula(reason)).toBe('customer.tier = "très bon" in ["très bon", "gold"]');
  });

  it("says a reversed comparison the way the rule writes it", () => {
    const reason = valueReason("500 <= order.total", { order }, ["order.total"]);
    expect(describeReason(reason, { order })).toBe("order.total 500 EUR <= 740 EUR");
  });

  it("falls back on the label and the expression for an expression it cannot split", () => {
    const variables = { order: { items: [1, 2, 3, 4] } };
    const reason = valueReason("$count(order.items) > 3", variables, ["order.items"], "Grosse commande");
    expect(reason).not.toHaveProperty("comparisons");
    expect(describeReason(reason, variables)).toBe("Grosse commande ($count(order.items) > 3)");
    expect(reasonFormula(reason)).toBe("$count(order.items) > 3 (order.items = [1,2,3,4])");
  });

  it("shows a reason recorded as a sentence before reasons were data as it was written", () => {
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
          threshold: 3,
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
          maxVisits: 4,
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
          floor: 0.5,
          values: { intent: "refund", confidence: 0.31 },
        },
        {},
      ),
    ).toBe("Demande pas comprise avec assez de certitude : confiance 0,31 < 0,50, intention la plus proche « Refund »");
    expect(
      describeReason(
        {
          ruleId: "upset",
          kind: "negativeSentiment",
          threshold: -0.5,
          values: { sentiment: -0.75, text: "c'est scandaleux" },
        },
        {},
      ),
    ).toBe("Client mécontent (humeur -0,75 <= -0,50) : « c'est scandaleux »");
  });

  it("words handoff nodes and errors", () => {
    expect(describeReason({ ruleId: "handoff-order", kind: "node", values: {} }, {})).toBe(
      "Le parcours passe la main à l'étape « handoff-order »",
    );
    expect(describeReason({ ruleId: "vip", kind: "node", values: {}, label: "Client VIP" }, {})).toBe("Client VIP");
    expect(describeReason({ ruleId: "error", kind: "error", message: "The CRM did not answer.", values: {} }, {})).toBe(
      "Le parcours a rencontré une erreur : The CRM did not answer.",
    );
  });

  it("leads with the rule's label whatever its kind, in the agent's language", () => {
    const reason: HandoffReason = {
      ruleId: "stuck",
      kind: "failedInputs",
      label: "Client bloqué",
      threshold: 3,
      values: { failedInputs: 3, nodeId: "ask-order" },
    };
    expect(describeReason(reason, {})).toBe(
      "Client bloqué : 3 réponses non comprises d'affilée à l'étape « ask-order » (seuil 3)",
    );
    expect(describeReason(reason, {}, "en")).toBe(
      "Client bloqué: 3 answers in a row not understood at step “ask-order” (threshold 3)",
    );
  });

  it("words the other kinds in English too", () => {
    const loop: HandoffReason = { ruleId: "loop", kind: "loop", maxVisits: 4, values: { nodeId: "ask", visits: 5 } };
    expect(describeReason(loop, {}, "en")).toBe(
      "The conversation goes round in circles: step “ask” seen 5 times (maximum 4)",
    );
    const upset: HandoffReason = {
      ruleId: "upset",
      kind: "negativeSentiment",
      threshold: -0.5,
      values: { sentiment: -0.75, text: "outrageous" },
    };
    expect(describeReason(upset, {}, "en")).toBe("Unhappy customer (sentiment -0.75 <= -0.50): “outrageous”");
    expect(describeReason({ ruleId: "transfer", kind: "transfer", values: {} }, {}, "en")).toBe(
      "Transferred by an agent",
    );
  });
});

describe("labels in the reader's language, whatever the customer's", () => {
  const dispute: HandoffReason = {
    ruleId: "dispute",
    kind: "value",
    when: "order.dispute = true",
    values: { "order.dispute": true },
    comparisons: [{ path: "order.dispute", value: true, operator: "=", literal: true }],
    label: { fr: "Litige en cours", en: "Open dispute" },
  };

  it("reads a rule's label in the console's language", () => {
    expect(describeReason(dispute, {}, "fr")).toBe("Litige en cours");
    expect(describeReason(dispute, {}, "en")).toBe("Open dispute");
    const stuck: HandoffReason = {
      ruleId: "stuck",
      kind: "failedInputs",
      label: { fr: "Client bloqué", en: "Stuck customer" },
      values: { failedInputs: 3, nodeId: "ask-order" },
    };
    expect(describeReason(stuck, {}, "en")).toBe(
      "Stuck customer: 3 answers in a row not understood at step “ask-order”",
    );
  });

  it("falls back on the flow's first language, which the engine puts first, then on whatever there is", () => {
    expect(describeReason({ ...dispute, label: { de: "Offener Streitfall", it: "Controversia" } }, {}, "fr")).toBe(
      "Offener Streitfall",
    );
    expect(describeReason({ ...dispute, label: { it: "Controversia", en: "Open dispute" } }, {}, "fr")).toBe(
      "Controversia",
    );
    expect(describeReason({ ...dispute, label: { "en-GB": "Open dispute" } }, {}, "en")).toBe("Open dispute");
  });

  it("names the nearest intent by its label, else by its id in words", () => {
    const unsure: HandoffReason = {
      ruleId: "unsure",
      kind: "lowConfidence",
      values: {
        intent: "order_status",
        confidence: 0.31,
        intentLabel: { fr: "Suivi de commande", en: "Order status" },
      },
    };
    expect(describeReason(unsure, {}, "en")).toBe(
      "Request not understood with enough certainty: confidence 0.31, nearest intent “Order status”",
    );
    const { intentLabel: _none, ...values } = unsure.values;
    expect(describeReason({ ...unsure, values }, {}, "fr")).toBe(
      "Demande pas comprise avec assez de certitude : confiance 0,31, intention la plus proche « Order status »",
    );
  });

  it("says an intent id in words, never as snake_case", () => {
    expect(idInWords("order_status")).toBe("Order status");
    expect(idInWords("update-contact")).toBe("Update contact");
    expect(idInWords("human")).toBe("Human");
    expect(intentWords("order_status", { fr: "Suivi de commande", en: "Order status" }, "fr")).toBe(
      "Suivi de commande",
    );
    expect(intentWords("order_status", "", "fr")).toBe("Order status");
  });

  it("reads an intent saved among the collected values, label or not, and nothing else", () => {
    const label = { fr: "Suivi de commande", en: "Order status" };
    expect(savedIntent({ id: "order_status", confidence: 0.9, label })).toEqual({
      id: "order_status",
      confidence: 0.9,
      label,
    });
    expect(savedIntent({ id: "order_status", confidence: 0.9 })).toEqual({ id: "order_status", confidence: 0.9 });
    expect(savedIntent({ id: "order_status", confidence: 0.9, label: { fr: 3 } })).toEqual({
      id: "order_status",
      confidence: 0.9,
    });
    expect(savedIntent("order_status")).toBeUndefined();
    expect(savedIntent({ id: "CMD-100002", total: 740 })).toBeUndefined();
  });

  it("lists a recognised intent as one line in the console's language", () => {
    const before = language;
    onTestFinished(() => setLanguage(before));
    setLanguage("en");
    const summary = {
      intent: { id: "order_status", confidence: 0.9, label: { fr: "Suivi de commande", en: "Order status" } },
      order: { number: "CMD-100003", label: { fr: "Commande", en: "Order" } },
    };
    expect(flatten(summary)).toEqual([
      ["intent", "Order status (confidence 90%)"],
      ["order.number", "CMD-100003"],
      ["order.label.fr", "Commande"],
      ["order.label.en", "Order"],
    ]);
  });
});

describe("collected values in the packet", () => {
  it("names the contact's channel and gives an intent without a label its id in words, in French", () => {
    const before = language;
    onTestFinished(() => setLanguage(before));
    setLanguage("fr");
    const summary = {
      contact: { channel: "webchat", address: "f6c3d029-0000" },
      intent: { id: "order_status", confidence: 0.857 },
      answers: ["oui", 3],
    };
    expect(flatten(summary)).toEqual([
      ["contact.channel", "web chat"],
      ["contact.address", "f6c3d029-0000"],
      ["intent", "Order status (confiance 86\u00a0%)"],
      ["answers", "oui, 3"],
    ]);
  });

  it("keeps an object that only looks like an intent at the top as its values", () => {
    const before = language;
    onTestFinished(() => setLanguage(before));
    setLanguage("fr");
    expect(flatten({ id: "order_status", confidence: 0.9 })).toEqual([
      ["id", "order_status"],
      ["confidence", "0,90"],
    ]);
  });
});

describe("collected values in words", () => {
  it.each([
    [740, "fr", "740"],
    [740.5, "fr", "740,50"],
    [740.5, "en", "740.50"],
    [true, "fr", "oui"],
    ["2026-11-21", "fr", "21/11/2026"],
    ["2026-11-21", "en", "21/11/2026"],
    ["2026-13-45", "fr", "2026-13-45"],
    ["CMD-100002", "fr", "CMD-100002"],
  ] as const)("writes %j in %s as %j", (value, lang, words) => {
    expect(formatValue(value, lang)).toBe(words);
  });
});
