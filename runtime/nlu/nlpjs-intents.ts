import type { Classification, IntentCandidate } from "../engine/types.js";
import { OUT_OF_SCOPE } from "./out-of-scope.js";

/** What nlp.js names the answer "none of the intents". */
const NLPJS_NONE = "None";

/** The intent a classifier answers when a text is none of the flow's intents. */
export const NO_INTENT = "none";

/**
 * Languages nlp.js has a tokenizer, stemmer and stop words for here; a flow in another language
 * keeps the word-overlap classifier. Loaded on first use: a runtime or a designer page without an
 * intent node never pays for nlp.js.
 */
const PLUGINS: Record<string, () => Promise<unknown>> = {
  fr: async () => (await import("@nlpjs/lang-fr")).LangFr,
  en: async () => (await import("@nlpjs/lang-en")).LangEn,
};

/** Characters of a text the model reads: what people type to a bot fits, and a pasted essay costs no more. */
export const MAX_TEXT_CHARS = 1000;

export const supportsLanguage = (language: string) => baseOf(language) in PLUGINS;

const baseOf = (language: string) => language.split("-")[0] ?? language;

async function newNlp(language: string) {
  const plugin = PLUGINS[language];
  if (!plugin) throw new Error(`nlp.js has no model for language \`${language}\` here.`);
  const { Nlp } = await import("@nlpjs/nlp");
  const nlp = new Nlp({
    languages: [language],
    autoSave: false,
    autoLoad: false,
    nlu: { log: false, spellCheck: true, spellCheckDistance: 1 },
  });
  nlp.use(await plugin());
  return nlp;
}

/**
 * Trains a neural intent model (nlp.js: normalisation without accents, stemming, a small network)
 * from the intents' examples in one language, with everyday phrases as "none", and returns it as
 * text to store.
 */
export async function trainIntentModel(language: string, intents: readonly IntentCandidate[]): Promise<string> {
  const base = baseOf(language);
  const nlp = await newNlp(base);
  for (const intent of intents) {
    for (const example of intent.examples) nlp.addDocument(base, example, intent.id);
  }
  for (const phrase of OUT_OF_SCOPE[base] ?? []) nlp.addDocument(base, phrase, NLPJS_NONE);
  await nlp.train();
  return nlp.export(true);
}

export interface IntentModel {
  classify(text: string): Promise<Classification[]>;
}

/** A stored model ready to classify: every intent with its score, best first, `none` when nothing fits. */
export async function loadIntentModel(language: string, model: string): Promise<IntentModel> {
  const base = baseOf(language);
  const nlp = await newNlp(base);
  nlp.import(model);
  // `nlp.process` classifies, then runs entity extraction, answers, actions, sentiment and contexts, none
  // of which a flow uses, and copies its whole result: twice the CPU of the classification itself
  // (32 µs against 19 on the 2-core VM). The NLU manager classifies alone; the threshold below which
  // `process` answers "None" is applied here as it does.
  const classifyOnly = async (utterance: string) => {
    const result = await nlp.nluManager.process({ locale: base, utterance, context: {}, settings: nlp.settings.nlu });
    return result.score < nlp.settings.threshold ? { ...result, intent: NLPJS_NONE, score: 1 } : result;
  };
  return {
    async classify(text) {
      const utterance = text.slice(0, MAX_TEXT_CHARS);
      if (utterance.trim() === "") return [{ intent: NO_INTENT, confidence: 1 }];
      const result = await classifyOnly(utterance);
      const ranked = result.classifications
        .filter((entry) => entry.intent !== NLPJS_NONE)
        .map((entry) => ({ intent: entry.intent, confidence: round(entry.score) }));
      if (result.intent === NLPJS_NONE) ranked.unshift({ intent: NO_INTENT, confidence: round(result.score) });
      return ranked.sort((a, b) => b.confidence - a.confidence);
    },
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
