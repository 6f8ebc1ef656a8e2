import { definitionOf, type Flow, type FlowNode } from "../../../schema/index.js";
import type { VariableType } from "../model/condition.js";
import { memoByObject } from "../model/memo-by-object.js";
import { amountCurrencies, variableTypes } from "../model/variable-types.js";

const writesOf = memoByObject((node: FlowNode) => definitionOf(node).writes(node));

/** What the inspector's pickers offer: the flow's languages, variables, queues and other flows. */
export interface FieldContext {
  languages: string[];
  variables: string[];
  queues: string[];
  flows: string[];
  /** The type of each variable whose type is known, for the operators the condition builder offers. */
  types: Record<string, VariableType>;
  /** Amounts' value paths (`refund.value`) with the currency a condition on them starts in. */
  amounts?: Record<string, string>;
}

export function fieldContext(flow: Flow, flows: string[]): FieldContext {
  const variables = new Set(Object.keys(flow.variables ?? {}));
  const queues = new Set<string>(flow.escalation ? [flow.escalation.defaultQueue] : []);
  for (const rule of flow.escalation?.rules ?? []) queues.add(rule.queue);
  for (const node of flow.nodes) {
    for (const path of writesOf(node)) variables.add(path);
    if (node.type === "handoff") queues.add(node.queue);
  }
  return {
    languages: flow.languages,
    variables: [...variables].sort(),
    queues: [...queues].sort(),
    flows,
    types: variableTypes(flow),
    amounts: amountCurrencies(flow),
  };
}
