import type { Flow } from "../../schema/index.js";
import type { IntentNode } from "../../schema/nodes/intent.js";
import type { IntentCandidate } from "./types.js";

const candidatesOf = new WeakMap<IntentNode, Map<string, readonly IntentCandidate[]>>();

/**
 * The intents of a node with their examples in a language: its own, else the same base language's
 * (`fr` for `fr-CA`), else every example when the intent has none in that language. The same list for
 * the same node object and language, so that a classifier keys what it derives from it by identity,
 * at every message, rather than by its whole text.
 */
export function intentCandidates(node: IntentNode, language: string): readonly IntentCandidate[] {
  let byLanguage = candidatesOf.get(node);
  if (!byLanguage) {
    byLanguage = new Map();
    candidatesOf.set(node, byLanguage);
  }
  let candidates = byLanguage.get(language);
  if (!candidates) {
    candidates = readCandidates(node, language);
    byLanguage.set(language, candidates);
  }
  return candidates;
}

function readCandidates(node: IntentNode, language: string): IntentCandidate[] {
  const base = language.split("-")[0];
  return node.intents.map((intent) => {
    const own =
      intent.examples[language] ?? Object.entries(intent.examples).find(([key]) => key.split("-")[0] === base)?.[1];
    return { id: intent.id, examples: own?.length ? own : Object.values(intent.examples).flat() };
  });
}

export interface TrainingSet {
  nodeId: string;
  language: string;
  intents: readonly IntentCandidate[];
}

/** What a flow's classifier learns from: each intent node in each of the flow's languages. */
export function trainingSets(flow: Flow): TrainingSet[] {
  const sets: TrainingSet[] = [];
  for (const node of flow.nodes) {
    if (node.type !== "intent") continue;
    for (const language of flow.languages) {
      sets.push({ nodeId: node.id, language, intents: intentCandidates(node, language) });
    }
  }
  return sets;
}
