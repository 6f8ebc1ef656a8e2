import { DEFAULT_CONFIDENCE_FLOOR, type IntentNode } from "../../../schema/nodes/intent.js";
import { escalate } from "../escalation.js";
import { intentCandidates } from "../intent-candidates.js";
import { type CustomerInput, goto, type Outcome, type Run, WAIT } from "../run.js";
import { hearGiven } from "../slots.js";
import type { Classification } from "../types.js";

/** Asks (when it has a text) and waits for the customer to say what they want. */
export async function enterIntent(node: IntentNode, run: Run): Promise<Outcome> {
  if (node.text !== undefined) run.say({ nodeId: node.id, text: await run.renderText(node.text, "/text") });
  return WAIT;
}

/**
 * Ranks the node's intents for the text: the best at or above the confidence floor leads on, anything
 * less goes to `fallback`. The classifier gets the examples of the conversation's language, or all
 * examples when an intent has none in it.
 */
export async function answerIntent(node: IntentNode, input: CustomerInput, run: Run): Promise<Outcome> {
  const language = run.state.language;
  const best = input.type === "text" ? await classify(node, input.text, language, run) : undefined;
  const floor = node.confidenceFloor ?? DEFAULT_CONFIDENCE_FLOOR;
  return route(node, best, floor, run);
}

/**
 * The opening message routed when it says what the customer wants; a plain "Bonjour" is no
 * failed answer: the node has asked its question and waits for the real one.
 */
export async function readOpeningIntent(node: IntentNode, text: string, run: Run): Promise<Outcome> {
  const best = await classify(node, text, run.state.language, run);
  const floor = node.confidenceFloor ?? DEFAULT_CONFIDENCE_FLOOR;
  const known = best && best.confidence >= floor && node.intents.some((intent) => intent.id === best.intent);
  return known ? route(node, best, floor, run) : WAIT;
}

async function route(node: IntentNode, best: Classification | undefined, floor: number, run: Run): Promise<Outcome> {
  if (best) {
    run.emit({ type: "intent", flowId: run.frame.flowId, nodeId: node.id, ...best });
    if (node.saveAs) run.setVariable(node.saveAs, { id: best.intent, confidence: best.confidence });
  }
  const chosen =
    best && best.confidence >= floor ? node.intents.find((intent) => intent.id === best.intent) : undefined;
  run.inputWas(chosen !== undefined);
  const escalated = await escalate(run, { classification: best ?? null, floor, failed: chosen === undefined });
  if (escalated) return escalated;
  return chosen ? goto(`intent:${chosen.id}`, chosen.next) : goto("fallback", node.fallback);
}

async function classify(
  node: IntentNode,
  text: string,
  language: string,
  run: Run,
): Promise<Classification | undefined> {
  const ranked = await run.deps.classify(text, intentCandidates(node, language), language);
  const given = ranked.flatMap((entry) => entry.given ?? []);
  if (given.length > 0) hearGiven(run, given);
  const known = new Set(node.intents.map((intent) => intent.id));
  // The best known intent, whatever order the classifier returned them in.
  let best: Classification | undefined;
  for (const entry of ranked) {
    if (known.has(entry.intent) && (!best || entry.confidence > best.confidence)) best = entry;
  }
  return best ? { intent: best.intent, confidence: best.confidence } : undefined;
}
