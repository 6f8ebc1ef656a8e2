import { definitionOf, type Flow } from "../../schema/index.js";
import { ExpressionCache } from "./expressions.js";
import { allVersions } from "./text.js";
import type { CompiledFlow } from "./types.js";

/**
 * Indexes the nodes and compiles every expression, template and answer pattern of the flow once.
 * One that does not compile is kept as such and becomes an EXPRESSION error only if a conversation
 * reaches it: the linter reports it before publishing, and the rest of the flow still runs.
 */
export function compileFlow(flow: Flow): CompiledFlow {
  const expressions = new ExpressionCache();
  for (const node of flow.nodes) {
    for (const field of definitionOf(node).expressions(node)) {
      if (field.kind === "expression") expressions.expression(field.source);
      else expressions.template(field.source);
    }
    if (node.type === "question" && node.input.kind === "pattern") {
      expressions.pattern(node.input.pattern, node.input.caseSensitive ?? false);
    }
  }
  for (const rule of flow.escalation?.rules ?? []) {
    if (rule.kind === "value") expressions.expression(rule.when);
  }
  for (const text of flow.escalation?.text ? allVersions(flow.escalation.text) : []) expressions.template(text);
  return {
    flow,
    nodes: new Map(flow.nodes.map((node) => [node.id, node])),
    startNodeId: flow.nodes.find((node) => node.type === "start")?.id ?? "",
    expressions,
  };
}
