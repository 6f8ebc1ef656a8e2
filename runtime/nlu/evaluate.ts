import { DEFAULT_CONFIDENCE_FLOOR, type IntentNode } from "../../schema/nodes/intent.js";
import { intentCandidates } from "../engine/intent-candidates.js";
import type { EngineDeps } from "../engine/types.js";
import type { LabelledPhrase } from "./labelled-csv.js";
import { NO_INTENT } from "./nlpjs-intents.js";

export interface IntentScore {
  intent: string;
  /** Of the phrases given this intent, the share labelled so; undefined when none was. */
  precision: number | undefined;
  /** Of the phrases labelled this intent, the share recognised. */
  recall: number | undefined;
  support: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  byLanguage: Record<string, { total: number; accuracy: number }>;
  intents: IntentScore[];
  /** expected → predicted → count; `none` is below the node's floor or out of scope. */
  confusion: Record<string, Record<string, number>>;
  mistakes: { phrase: LabelledPhrase; predicted: string; confidence: number }[];
}

/**
 * Classifies every labelled phrase the way the intent node does (its examples in the phrase's
 * language, its confidence floor) and scores the answers. `none` is the expected label of a
 * phrase the node should send to its fallback.
 */
export async function evaluateIntents(
  node: IntentNode,
  phrases: readonly LabelledPhrase[],
  classify: EngineDeps["classify"],
): Promise<Evaluation> {
  const floor = node.confidenceFloor ?? DEFAULT_CONFIDENCE_FLOOR;
  const known = new Set(node.intents.map((intent) => intent.id));
  const confusion: Record<string, Record<string, number>> = {};
  const mistakes: Evaluation["mistakes"] = [];
  const languages: Record<string, { total: number; right: number }> = {};
  for (const phrase of phrases) {
    const ranked = await classify(phrase.text, intentCandidates(node, phrase.lang), phrase.lang);
    const best = ranked.filter((entry) => known.has(entry.intent)).sort((a, b) => b.confidence - a.confidence)[0];
    const predicted = best && best.confidence >= floor ? best.intent : NO_INTENT;
    const row = confusion[phrase.intent] ?? {};
    confusion[phrase.intent] = row;
    row[predicted] = (row[predicted] ?? 0) + 1;
    const language = languages[phrase.lang] ?? { total: 0, right: 0 };
    languages[phrase.lang] = language;
    language.total += 1;
    if (predicted === phrase.intent) language.right += 1;
    else mistakes.push({ phrase, predicted, confidence: best?.confidence ?? 0 });
  }
  const labels = [...new Set([...known, NO_INTENT, ...phrases.map((phrase) => phrase.intent)])];
  const intents = labels.map((intent) => {
    const support = Object.values(confusion[intent] ?? {}).reduce((sum, count) => sum + count, 0);
    const right = confusion[intent]?.[intent] ?? 0;
    const given = Object.values(confusion).reduce((sum, row) => sum + (row[intent] ?? 0), 0);
    return {
      intent,
      precision: given ? right / given : undefined,
      recall: support ? right / support : undefined,
      support,
    };
  });
  const right = Object.values(languages).reduce((sum, language) => sum + language.right, 0);
  return {
    total: phrases.length,
    accuracy: phrases.length ? right / phrases.length : 0,
    byLanguage: Object.fromEntries(
      Object.entries(languages).map(([lang, { total, right }]) => [lang, { total, accuracy: right / total }]),
    ),
    intents,
    confusion,
    mistakes,
  };
}

const percent = (value: number | undefined) => (value === undefined ? "  –  " : `${(value * 100).toFixed(1)} %`);

/** The evaluation as lines for a terminal: accuracy, per intent, the confusion table, the mistakes. */
export function formatEvaluation(evaluation: Evaluation): string[] {
  const lines = [`accuracy ${percent(evaluation.accuracy)} on ${evaluation.total} phrases`];
  for (const [lang, { total, accuracy }] of Object.entries(evaluation.byLanguage)) {
    lines.push(`  ${lang}: ${percent(accuracy)} on ${total}`);
  }
  const width = Math.max(8, ...evaluation.intents.map((score) => score.intent.length));
  lines.push("", `${"intent".padEnd(width)}  precision  recall    phrases`);
  for (const score of evaluation.intents) {
    lines.push(
      `${score.intent.padEnd(width)}  ${percent(score.precision).padStart(9)}  ${percent(score.recall).padStart(8)}  ${String(score.support).padStart(7)}`,
    );
  }
  const labels = evaluation.intents.map((score) => score.intent);
  const cell = Math.max(5, ...labels.map((label) => label.length));
  lines.push("", "confusion (rows: expected, columns: recognised)");
  lines.push(`${"".padEnd(width)}  ${labels.map((label) => label.padStart(cell)).join(" ")}`);
  for (const expected of labels) {
    const row = evaluation.confusion[expected];
    if (!row) continue;
    lines.push(`${expected.padEnd(width)}  ${labels.map((label) => String(row[label] ?? 0).padStart(cell)).join(" ")}`);
  }
  if (evaluation.mistakes.length > 0) {
    lines.push("", "not recognised as labelled");
    for (const { phrase, predicted, confidence } of evaluation.mistakes) {
      lines.push(
        `  line ${phrase.line} [${phrase.lang}] "${phrase.text}": ${phrase.intent} → ${predicted} (${confidence})`,
      );
    }
  }
  return lines;
}
