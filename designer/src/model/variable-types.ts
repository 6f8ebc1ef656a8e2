import { DEFAULT_CURRENCY } from "../../../runtime/engine/index.js";
import type { Flow, QuestionNode } from "../../../schema/index.js";
import type { VariableType } from "./condition.js";
import { memoByObject } from "./memo-by-object.js";

/**
 * The type of each variable the flow knows, for the operators the condition builder offers: as declared
 * in the flow's settings, else as the question that fills it saves it; unknown for what an HTTP call or
 * an assignment writes.
 */
export function variableTypes(flow: Flow): Record<string, VariableType> {
  const types: Record<string, VariableType> = {};
  for (const node of flow.nodes) {
    if (node.type !== "question" || node.saveAs in types) continue;
    types[node.saveAs] = savedType(node);
    if (node.input.kind === "amount") {
      // Rules compare the amount's value (`refund.value >= 500`); its currency is shown beside it.
      types[`${node.saveAs}.value`] = "number";
      types[`${node.saveAs}.currency`] = "string";
    }
  }
  for (const [name, declaration] of Object.entries(flow.variables ?? {})) types[name] = declaration.type;
  return types;
}

/**
 * The value path of each amount a question saves (`refund.value`), with the currency that question gives a
 * bare number: the currency a new condition on that amount starts with.
 */
export function amountCurrencies(flow: Flow): Record<string, string> {
  const amounts: Record<string, string> = {};
  for (const node of flow.nodes) {
    if (node.type === "question" && node.input.kind === "amount")
      amounts[`${node.saveAs}.value`] ??= node.input.currency ?? DEFAULT_CURRENCY;
  }
  return amounts;
}

/** What a question saves, by its kind of answer: choices save their values' one type, or an unknown one. */
const savedType = memoByObject((question: QuestionNode): VariableType => {
  const input = question.input;
  if (input.kind === "number") return "number";
  if (input.kind === "amount") return "object";
  if (input.kind !== "choice") return "string";
  const saved = new Set(input.choices.map((choice) => typeof (choice.value ?? choice.id)));
  const only = saved.size === 1 ? [...saved][0] : undefined;
  return only === "string" || only === "number" || only === "boolean" ? only : "unknown";
});
