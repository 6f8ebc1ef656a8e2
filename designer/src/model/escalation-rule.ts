import type { EscalationRule, EscalationRuleKind } from "../../../schema/index.js";

/** What a rule holds beyond its id, queue, priority and label: the fields of its kind. */
export type KindFields = Record<string, unknown>;

/** The fields a rule had under each kind it left, so that coming back to a kind brings them back. */
export type KindStash = Partial<Record<EscalationRuleKind, KindFields>>;

/** The fields of a rule of each kind when it first takes that kind. */
export const ruleDefaults: Record<EscalationRuleKind, KindFields> = {
  humanRequest: {},
  failedInputs: { threshold: 2 },
  lowConfidence: { floor: 0.4 },
  negativeSentiment: { threshold: -0.5 },
  loop: { maxVisits: 3 },
  value: { when: "order.total >= 500" },
};

const fieldsOf = ({
  id: _id,
  queue: _queue,
  priority: _priority,
  label: _label,
  kind: _kind,
  ...fields
}: EscalationRule) => fields as KindFields;

/**
 * The rule under another kind: its id, queue, priority and label kept, the fields of the new kind as it last had
 * them (else their defaults), and the fields of the kind it leaves put aside in the stash.
 */
export function switchRuleKind(
  rule: EscalationRule,
  kind: EscalationRuleKind,
  stash: KindStash,
): { rule: EscalationRule; stash: KindStash } {
  if (kind === rule.kind) return { rule, stash };
  const kept = { ...stash, [rule.kind]: fieldsOf(rule) };
  const { id, queue, priority, label } = rule;
  const common = label === undefined ? { id, queue, priority } : { id, queue, priority, label };
  return { rule: { ...common, kind, ...(kept[kind] ?? ruleDefaults[kind]) } as EscalationRule, stash: kept };
}
