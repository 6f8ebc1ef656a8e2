import type { ConditionNode } from "../../../schema/nodes/condition.js";
import { truthy } from "../escalation.js";
import { goto, type Outcome, type Run } from "../run.js";

/** The first rule whose `when` holds leads on; when none does, `else`. */
export async function enterCondition(node: ConditionNode, run: Run): Promise<Outcome> {
  for (const [index, rule] of node.rules.entries()) {
    if (truthy(await run.evaluate(rule.when, run.where(`/rules/${index}/when`)))) {
      return goto(`rule:${rule.id}`, rule.next);
    }
  }
  return goto("else", node.else);
}
