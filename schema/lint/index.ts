import type { Channel } from "../channel-capabilities.js";
import type { Flow } from "../flow.js";
import type { Problem } from "../problem.js";

export { LINT_CODES, type LintCode } from "./codes.js";

import { messengerLabels, smsSegments } from "./channel-limits.js";
import { lintContext, type Rule } from "./context.js";
import { duplicateId } from "./duplicate-id.js";
import { duplicateEscalationRule } from "./escalation.js";
import { expressionSyntax } from "./expression-syntax.js";
import { fewIntentExamples, sharedIntentExample } from "./intents.js";
import { jumpMissingFlow, jumpToSelf } from "./jump.js";
import { mediaCaption, mediaFormat, smsMedia } from "./media.js";
import { expressionRegex, invalidPattern } from "./pattern.js";
import { reservedSecret, secretsOutsideHttp, unknownSecret } from "./secrets.js";
import { startNode } from "./start.js";
import { duplicateHandle, missingTarget, missingTransition, noPathAfterMaxAttempts } from "./transitions.js";
import { missingTranslation } from "./translations.js";
import { unknownQueue } from "./unknown-queue.js";
import { unreachableNode } from "./unreachable.js";
import { undeclaredVariable, variableReadBeforeSet } from "./variables.js";
import { whatsappButtonBody, whatsappButtons } from "./whatsapp.js";

export { publishedOn } from "./published-on.js";
export { FLOW_SECRET_PREFIX, reservedSecretName } from "./secrets.js";

/** The checks of the graph alone (ids, transitions, reachability), which read nothing but the nodes' links. */
const graphRules: readonly Rule[] = [
  duplicateId,
  startNode,
  missingTarget,
  missingTransition,
  noPathAfterMaxAttempts,
  duplicateHandle,
  unreachableNode,
];

const rules: readonly Rule[] = [
  ...graphRules,
  expressionSyntax,
  variableReadBeforeSet,
  undeclaredVariable,
  unknownSecret,
  reservedSecret,
  secretsOutsideHttp,
  invalidPattern,
  expressionRegex,
  jumpMissingFlow,
  jumpToSelf,
  missingTranslation,
  whatsappButtons,
  whatsappButtonBody,
  messengerLabels,
  smsSegments,
  smsMedia,
  mediaFormat,
  mediaCaption,
  duplicateEscalationRule,
  unknownQueue,
  fewIntentExamples,
  sharedIntentExample,
];

export interface LintOptions {
  /** The other flows by id, so `jump` nodes can be checked and what the called flows set is known. */
  flows?: ReadonlyMap<string, Flow>;
  /** The queue ids the runtime knows, so handoffs to a missing queue are reported. */
  queues?: readonly string[];
  /**
   * The channels the flow is published on (see `publishedOn`), whose limits are checked; every
   * channel when left out, as when no runtime says which channels start which flow.
   */
  channels?: readonly Channel[];
}

/**
 * Checks what the schema cannot: the graph, the variables, the expressions, the texts.
 * Pure; call it on a flow that passed `validateFlow`. Problems come in the order of the nodes.
 */
export function lintFlow(flow: Flow, file: string, options: LintOptions = {}): Problem[] {
  const context = lintContext(flow, file, options.flows, options.queues, options.channels);
  return rules.flatMap((rule) => rule(context)).sort(byPlace);
}

/**
 * The graph's problems of a flow that does not validate yet (a text left empty while the rest is drawn):
 * the designer shows them with the schema's, so that one field being typed hides no unreachable step.
 */
export function lintGraph(flow: Flow, file: string): Problem[] {
  const context = lintContext(flow, file);
  return graphRules.flatMap((rule) => rule(context)).sort(byPlace);
}

export function lintSeverityCounts(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((problem) => problem.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}

/** Flow-level problems first, then by node, then by pointer with array indices compared as numbers. */
function byPlace(a: Problem, b: Problem): number {
  return comparePointers(a.pointer, b.pointer) || a.code.localeCompare(b.code);
}

function comparePointers(a: string, b: string): number {
  const rank = (pointer: string) => (pointer.startsWith("/nodes/") ? 1 : 0);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? "";
    const y = right[i] ?? "";
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return left.length - right.length;
}
