import { contentTokens } from "./tokens.js";
import type { Classification, IntentCandidate } from "./types.js";

/** Shortest common beginning for two different words to count as the same word (`commande`, `commandes`). */
const MIN_PREFIX = 4;

/**
 * A classifier with no model, the default of the engine and the simulator: the confidence of an
 * intent is its best example's word overlap with the text, so the same text always ranks the same.
 * Overlap blends the share of the example's words found (does the text say what the example says?)
 * with the Dice coefficient (how much else does the text say?). Sorted best first; ties keep the
 * intents' order.
 */
export function overlapClassifier(
  text: string,
  intents: readonly IntentCandidate[],
  _language?: string,
): Classification[] {
  const words = contentTokens(text);
  const scored = intents.map((intent) => ({
    intent: intent.id,
    confidence: round(Math.max(0, ...intent.examples.map((example) => overlap(words, contentTokens(example))))),
  }));
  return scored.sort((a, b) => b.confidence - a.confidence);
}

function overlap(text: string[], example: string[]): number {
  if (text.length === 0 || example.length === 0) return 0;
  const unused = [...text];
  let matched = 0;
  for (const word of example) {
    let best = 0;
    let bestIndex = -1;
    unused.forEach((candidate, index) => {
      const credit = similarity(word, candidate);
      if (credit > best) {
        best = credit;
        bestIndex = index;
      }
    });
    if (bestIndex >= 0) {
      matched += best;
      unused.splice(bestIndex, 1);
    }
  }
  const coverage = matched / example.length;
  const dice = (2 * matched) / (text.length + example.length);
  return 0.6 * coverage + 0.4 * dice;
}

/** 1 for the same word, partial credit for a long common beginning, else 0. */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  if (prefix < MIN_PREFIX) return 0;
  return 0.5 + (0.5 * prefix) / Math.max(a.length, b.length);
}

const round = (value: number) => Math.round(value * 1000) / 1000;
