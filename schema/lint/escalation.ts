import { flowProblem, type LintContext } from "./context.js";

/** Handoffs record the id of the rule that fired; two rules with one id make that record ambiguous. */
export function duplicateEscalationRule(context: LintContext) {
  const rules = context.flow.escalation?.rules;
  if (!Array.isArray(rules)) return [];
  const seen = new Map<string, number>();
  return rules.flatMap((rule, index) => {
    const first = seen.get(rule.id);
    if (first === undefined) {
      seen.set(rule.id, index);
      return [];
    }
    return [
      flowProblem(
        context,
        `/escalation/rules/${index}/id`,
        "duplicate-escalation-rule",
        `escalation rule ${index + 1} has the id \`${rule.id}\` of rule ${first + 1}; give each rule its own id, since handoffs record which rule fired.`,
        "error",
        { id: rule.id, position: index + 1, first: first + 1 },
      ),
    ];
  });
}
