import type { Problem } from "../problem.js";
import { type LintContext, nodeProblem, nodesOf, pointerSegment } from "./context.js";

/** Below it, an intent is poorly recognised: a trained model learns the words of a few phrases, not what they mean. */
export const MIN_INTENT_EXAMPLES = 5;

/** How the classifiers compare phrases: without case, accents or punctuation. */
const folded = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** The examples of an intent in a language of the flow: its own, else its base language's (`fr` for `fr-CA`). */
function examplesIn(examples: Record<string, string[]>, language: string): { key?: string; list: string[] } {
  const base = language.split("-")[0];
  const key = language in examples ? language : Object.keys(examples).find((each) => each.split("-")[0] === base);
  return key === undefined ? { list: [] } : { key, list: examples[key] ?? [] };
}

/** An intent with fewer than five examples in one of the flow's languages is a warning. */
export function fewIntentExamples(context: LintContext): Problem[] {
  const languages = Array.isArray(context.flow.languages) ? context.flow.languages : [];
  return nodesOf(context.flow).flatMap((node, index) => {
    if (node.type !== "intent" || !Array.isArray(node.intents)) return [];
    return node.intents.flatMap((intent, position) =>
      languages.flatMap((language) => {
        const { key, list } = examplesIn(intent.examples ?? {}, language);
        if (list.length >= MIN_INTENT_EXAMPLES) return [];
        const pointer = `/intents/${position}/examples${key === undefined ? "" : `/${pointerSegment(key)}`}`;
        return [
          nodeProblem(
            context,
            index,
            pointer,
            "few-intent-examples",
            `intent \`${intent.id}\` of node \`${node.id}\` has ${list.length} example(s) in \`${language}\`; give it at least ${MIN_INTENT_EXAMPLES}, worded differently, so that customers' own words are recognised.`,
            "warning",
            { intent: intent.id, language, count: list.length, minimum: MIN_INTENT_EXAMPLES },
          ),
        ];
      }),
    );
  });
}

/** The same example (case, accents and punctuation aside) under two intents of a node: neither can win on it. */
export function sharedIntentExample(context: LintContext): Problem[] {
  return nodesOf(context.flow).flatMap((node, index) => {
    if (node.type !== "intent" || !Array.isArray(node.intents)) return [];
    const owners = new Map<string, string>();
    const problems: Problem[] = [];
    node.intents.forEach((intent, position) => {
      for (const [language, examples] of Object.entries(intent.examples ?? {})) {
        examples.forEach((example, number) => {
          const key = `${language.split("-")[0]}:${folded(example)}`;
          const other = owners.get(key);
          if (other === undefined) owners.set(key, intent.id);
          else if (other !== intent.id) {
            problems.push(
              nodeProblem(
                context,
                index,
                `/intents/${position}/examples/${pointerSegment(language)}/${number}`,
                "shared-intent-example",
                `the example "${example}" of intent \`${intent.id}\` of node \`${node.id}\` is also an example of intent \`${other}\`: keep it under the one it means.`,
                "warning",
                { example, intent: intent.id, other },
              ),
            );
          }
        });
      }
    });
    return problems;
  });
}
