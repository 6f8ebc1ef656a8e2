import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type KindStash, ruleDefaults, switchRuleKind } from "../../../designer/src/model/escalation-rule.js";
import { type EscalationRule, validateFlow } from "../../../schema/index.js";

const valueRule: EscalationRule = {
  id: "commande-elevee",
  queue: "priority",
  priority: "urgent",
  kind: "value",
  when: "order.total >= 300",
  label: { fr: "Commande élevée", en: "Large order" },
};

describe("switching an escalation rule's kind", () => {
  it("keeps id, queue, priority and label, and gives the new kind its defaults the first time", () => {
    const { rule } = switchRuleKind(valueRule, "loop", {});
    expect(rule).toEqual({
      id: "commande-elevee",
      queue: "priority",
      priority: "urgent",
      label: { fr: "Commande élevée", en: "Large order" },
      kind: "loop",
      maxVisits: 3,
    });
  });

  it("brings back the condition and label when switched back, through any number of kinds", () => {
    let stash: KindStash = {};
    let rule: EscalationRule = valueRule;
    for (const kind of ["negativeSentiment", "failedInputs", "humanRequest", "value"] as const) {
      ({ rule, stash } = switchRuleKind(rule, kind, stash));
    }
    expect(rule).toEqual(valueRule);
  });

  it("keeps each kind's own numbers apart, though two kinds name their field threshold", () => {
    let { rule, stash } = switchRuleKind(valueRule, "negativeSentiment", {});
    rule = { ...rule, threshold: -0.7 } as EscalationRule;
    ({ rule, stash } = switchRuleKind(rule, "failedInputs", stash));
    expect(rule).toMatchObject({ kind: "failedInputs", threshold: 2 });
    ({ rule, stash } = switchRuleKind({ ...rule, threshold: 4 } as EscalationRule, "negativeSentiment", stash));
    expect(rule).toMatchObject({ kind: "negativeSentiment", threshold: -0.7 });
    ({ rule } = switchRuleKind(rule, "failedInputs", stash));
    expect(rule).toMatchObject({ kind: "failedInputs", threshold: 4 });
  });

  it("leaves the rule and the stash as they are when the kind does not change", () => {
    const stash: KindStash = { loop: { maxVisits: 5 } };
    expect(switchRuleKind(valueRule, "value", stash)).toEqual({ rule: valueRule, stash });
  });

  it("gives every kind defaults the flow format accepts", () => {
    const rules = Object.keys(ruleDefaults).map(
      (kind) => switchRuleKind(valueRule, kind as EscalationRule["kind"], {}).rule,
    );
    const flow = JSON.parse(readFileSync("flows/triage.flow.json", "utf8"));
    flow.escalation.rules = rules.map((rule, i) => ({ ...rule, id: `rule-${i}` }));
    expect(validateFlow(flow, "triage.flow.json").problems).toEqual([]);
  });
});
