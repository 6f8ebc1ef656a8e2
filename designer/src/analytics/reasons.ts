import { localize } from "../../../runtime/engine/index.js";
import type { AnalyticsFigures } from "../../../schema/api/index.js";
import type { Flow } from "../../../schema/index.js";
import { language } from "../i18n.js";
import { ruleKindWords, wordOf } from "../inspector/enum-words.js";
import { w } from "./words.js";

type RuleFigures = AnalyticsFigures["handoffsByRule"][number];

/**
 * What fired a handoff, in the interface language: the rule's label (else in the flow's first language),
 * else its kind in words (a handoff node, a flow error).
 */
export function reasonWords(rule: RuleFigures, flow?: Flow): string {
  const text = rule.label === null ? "" : localize(rule.label, language, flow?.languages ?? []);
  if (text) return text;
  if (rule.kind === "node") return w("handoffNode", { step: stepWords(flow, rule.ruleId) });
  if (rule.kind === "error") return w("flowError");
  return wordOf(ruleKindWords, rule.kind);
}

/** A step as people read it on the canvas: its label, else its id. */
export function stepWords(flow: Flow | undefined, nodeId: string): string {
  const node = flow?.nodes.find((candidate) => candidate.id === nodeId);
  return node?.label || nodeId;
}
