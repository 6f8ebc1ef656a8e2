import type { Comparison, HandoffReason } from "../../schema/api/handoff.js";
import { show } from "./run.js";
import { allVersions } from "./text.js";

/**
 * A handoff reason as one language-neutral formula, `order.total = 740 >= 500`: what conversation
 * tests match a `reason` against and what the CLI prints. People read the words their console builds.
 */
export function reasonFormula(reason: HandoffReason): string {
  switch (reason.kind) {
    case "value": {
      if (reason.comparisons) return reason.comparisons.map(comparisonFormula).join("");
      const when = reason.when ?? reason.detail ?? reason.ruleId;
      const reads = Object.entries(reason.values);
      if (reads.length === 0) return when;
      return `${when} (${reads.map(([path, value]) => `${path} = ${show(value)}`).join(", ")})`;
    }
    case "humanRequest":
      return `keyword = ${show(reason.values.keyword)} : ${show(reason.values.text)}`;
    case "failedInputs":
      return bound("failedInputs", reason.values.failedInputs, ">=", reason.threshold);
    case "lowConfidence":
      return bound("confidence", reason.values.confidence, "<", reason.floor);
    case "negativeSentiment":
      return bound("sentiment", reason.values.sentiment, "<=", reason.threshold);
    case "loop":
      return bound("visits", reason.values.visits, ">", reason.maxVisits);
    case "node":
    case "transfer":
      return (reason.label === undefined ? undefined : allVersions(reason.label)[0]) ?? reason.ruleId;
    case "error":
      return reason.message ?? reason.detail ?? reason.ruleId;
    default: {
      const unknown: never = reason;
      return show(unknown);
    }
  }
}

function comparisonFormula(comparison: Comparison): string {
  const { path, value, operator, literal, literalCurrency, literalFirst, joiner } = comparison;
  const threshold = literalCurrency ? `${asWritten(literal)} ${literalCurrency}` : asWritten(literal);
  const compared = literalFirst
    ? `${threshold} ${operator} ${path} = ${show(value)}`
    : `${path} = ${show(value)} ${operator} ${threshold}`;
  return joiner ? ` ${joiner} ${compared}` : compared;
}

/** A literal as a rule writes it: `500`, `"gold"`, `["gold", "platinum"]`. */
function asWritten(literal: unknown): string {
  return Array.isArray(literal) ? `[${literal.map(asWritten).join(", ")}]` : show(literal);
}

function bound(name: string, value: number, operator: string, limit: number | undefined): string {
  return limit === undefined ? `${name} = ${value}` : `${name} = ${value} ${operator} ${limit}`;
}
