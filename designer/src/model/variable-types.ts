import type { Flow } from "../../../schema/index.js";
import type { VariableType } from "./condition.js";

/**
 * The type of each variable the flow knows, for the operators the condition builder offers: as declared
 * in the flow's settings, else as the question that fills it saves it; unknown for what an HTTP call or
 * an assignment writes.
 */
export function variableTypes(flow: Flow): Record<string, VariableType> {
  const types: Record<string, VariableType> = {};
  for (const node of flow.nodes) {
    if (node.type !== "question" || node.saveAs in types) continue;
    const input = node.input;
    if (input.kind === "number") types[node.saveAs] = "number";
    else if (input.kind === "choice") {
      const saved = new Set(input.choices.map((choice) => typeof (choice.value ?? choice.id)));
      const only = saved.size === 1 ? [...saved][0] : undefined;
      types[node.saveAs] = only === "string" || only === "number" || only === "boolean" ? only : "unknown";
    } else types[node.saveAs] = "string";
  }
  for (const [name, declaration] of Object.entries(flow.variables ?? {})) types[name] = declaration.type;
  return types;
}
