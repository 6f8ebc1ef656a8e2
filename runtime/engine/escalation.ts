import { type EscalationRule, inFlowOrder } from "../../schema/index.js";
import { humanRequestKeyword } from "./human-request.js";
import { type Outcome, type Run, show } from "./run.js";
import type { Classification, HandoffReason } from "./types.js";
import { valueComparisons } from "./value-comparisons.js";
import { getPath } from "./variables.js";

/** What just happened, so that each rule is checked when its facts can have changed. */
export interface Facts {
  /** A customer text was received. */
  text?: string;
  /** Any customer input was received. */
  input?: boolean;
  /** An intent node classified the text: its best intent (null when the classifier ranked none). */
  classification?: Classification | null;
  /** That intent node's confidence floor. */
  floor?: number;
  /** An answer was not understood. */
  failed?: boolean;
  /** A node was entered (its `flowId/nodeId`). */
  entered?: string;
  /** A node wrote variables. */
  wrote?: boolean;
}

export const DEFAULT_ESCALATION_TEXT = {
  fr: "Je vous mets en relation avec un conseiller.",
  en: "I am putting you in touch with an advisor.",
} as const;

export const ERROR_QUEUE = "support";

/**
 * Checks the flow's escalation rules in order; the first that fires hands the conversation over.
 * A rule fires at most once per conversation, except a request for a person, which is always honoured.
 */
export async function escalate(run: Run, facts: Facts): Promise<Outcome | undefined> {
  const policy = run.policy;
  if (!policy) return undefined;
  const fired = run.state.firedRules ?? [];
  for (const rule of policy.rules) {
    const key = `${run.frame.flowId}/${rule.id}`;
    const firedBefore = fired.includes(key);
    if (firedBefore && rule.kind !== "humanRequest") continue;
    // Only a value rule evaluates an expression, which may wait; the others are checked at once, since
    // every node entered and every answer checks each rule of the policy.
    const reason = rule.kind === "value" ? await checkValue(run, rule, facts) : check(run, rule, facts);
    if (!reason) continue;
    if (!firedBefore) run.state.firedRules = [...fired, key];
    await sayEscalationText(run);
    return {
      type: "handoff",
      handoff: run.handoff(rule.queue, rule.priority, { ruleId: rule.id, ...labelOf(rule, run), ...reason }),
    };
  }
  return undefined;
}

/** A reason of any kind without its rule id and label, which the rule gives. */
type Reason = HandoffReason extends infer Kind
  ? Kind extends HandoffReason
    ? Omit<Kind, "ruleId" | "label">
    : never
  : never;

/**
 * The rule's label in every language the flow gives it, so that agents read why in the author's words
 * and in their own language, whatever language the customer wrote in.
 */
function labelOf(rule: EscalationRule, run: Run): Pick<HandoffReason, "label"> {
  const { label } = rule;
  return label === undefined ? {} : { label: inFlowOrder(label, run.flow.flow.languages) };
}

function check(run: Run, rule: Exclude<EscalationRule, { kind: "value" }>, facts: Facts): Reason | undefined {
  switch (rule.kind) {
    case "humanRequest": {
      // Keywords only: an intent node that knows a `human` intent routes it along the flow's own path.
      if (facts.text !== undefined) {
        const keyword = humanRequestKeyword(facts.text, run.state.language);
        if (keyword) {
          return { kind: "humanRequest", values: { text: facts.text, keyword } };
        }
      }
      return undefined;
    }
    case "negativeSentiment": {
      if (facts.text === undefined) return undefined;
      const sentiment = run.deps.sentiment(facts.text, run.state.language);
      if (sentiment > rule.threshold) return undefined;
      return { kind: "negativeSentiment", threshold: rule.threshold, values: { sentiment, text: facts.text } };
    }
    case "failedInputs": {
      const failedInputs = run.state.failedInputs;
      if (!facts.failed || failedInputs < rule.threshold) return undefined;
      return {
        kind: "failedInputs",
        threshold: rule.threshold,
        values: { failedInputs, nodeId: run.frame.nodeId },
      };
    }
    case "lowConfidence": {
      if (facts.classification === undefined) return undefined;
      const confidence = facts.classification?.confidence ?? 0;
      if (confidence >= rule.floor) return undefined;
      const intent = facts.classification?.intent ?? null;
      const intentLabel = nearestIntentLabel(run, intent);
      return {
        kind: "lowConfidence",
        floor: rule.floor,
        values: { intent, confidence, ...(intentLabel === undefined ? {} : { intentLabel }) },
      };
    }
    case "loop": {
      if (!facts.entered) return undefined;
      const visits = run.state.visits[facts.entered] ?? 0;
      if (visits <= rule.maxVisits) return undefined;
      return { kind: "loop", maxVisits: rule.maxVisits, values: { nodeId: run.frame.nodeId, visits } };
    }
    default: {
      const unknown: never = rule;
      throw new Error(`Unknown escalation rule ${show(unknown)}`);
    }
  }
}

/** The label of the intent the node at hand ranked first, for agents to read what the customer seemed to want. */
function nearestIntentLabel(run: Run, intent: string | null) {
  const node = run.node();
  if (intent === null || node.type !== "intent") return undefined;
  const label = node.intents.find((route) => route.id === intent)?.label;
  return label === undefined ? undefined : inFlowOrder(label, run.flow.flow.languages);
}

async function checkValue(
  run: Run,
  rule: Extract<EscalationRule, { kind: "value" }>,
  facts: Facts,
): Promise<Reason | undefined> {
  if (!facts.input && !facts.wrote) return undefined;
  const where = `escalation rule \`${rule.id}\` of flow \`${run.frame.flowId}\` (\`when\`)`;
  if (!truthy(await run.evaluate(rule.when, where))) return undefined;
  const reads = run.flow.expressions.reads(rule.when);
  const values = Object.fromEntries(reads.map((path) => [path, getPath(run.variables, path)]));
  const comparisons = valueComparisons(rule.when, run.variables);
  return { kind: "value", when: rule.when, values, ...(comparisons ? { comparisons } : {}) };
}

/** Tells the customer a person is coming: the policy's text, or the default in their language. */
export async function sayEscalationText(run: Run): Promise<void> {
  const text = run.policy?.text;
  const rendered = text
    ? await run.render(run.text(text), `escalation text of flow \`${run.frame.flowId}\``)
    : defaultEscalationText(run.state.language);
  run.say({ nodeId: run.frame.nodeId, text: rendered });
}

export function defaultEscalationText(language: string): string {
  return language.split("-")[0] === "en" ? DEFAULT_ESCALATION_TEXT.en : DEFAULT_ESCALATION_TEXT.fr;
}

/** JSONata's truth: empty strings, zero, empty arrays and objects, and arrays of falsy values are false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  if (typeof value === "object" && value !== null) return Object.keys(value).length > 0;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  return Boolean(value);
}
