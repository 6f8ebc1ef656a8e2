import { Language } from "@nlpjs/language";
import { fold } from "../engine/text.js";
import type { LanguageGuess } from "../engine/types.js";

/**
 * Short words nearly every sentence of a language holds, and that the other language does not use:
 * a customer's few words ("je veux annuler", "mon colis") are too short for letter statistics, but
 * rarely lack one of these.
 */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  fr: new Set(
    "je j tu il elle nous vous ils mon ma mes ton ta tes votre vos notre le la les un une des du de au aux et est sont ai pas ne n ou où que qui quoi quand pour avec sur dans chez c ce cette ces bonjour bonsoir salut coucou merci svp plait oui non veux voudrais suis".split(
      " ",
    ),
  ),
  en: new Set(
    "i you he she we they my your our the a an of to in on at is are am was do does did not no yes where what when why how for with this that these those hello hi hey good morning afternoon evening thanks thank please want would can could have has".split(
      " ",
    ),
  ),
};

/** Greetings, which open most conversations and may be all a customer's first message says. */
const GREETINGS: ReadonlySet<string> = new Set(
  "bonjour bonsoir salut coucou hello hi hey good morning afternoon evening".split(" "),
);

let trigrams: Language | undefined;

/**
 * The language of a customer's text among the flow's, with a confidence from 0 to 1: by the
 * function words it holds, else, from three words on, by letter trigrams (nlp.js). Undefined when
 * nothing tells them apart (an e-mail address, an order number, "bof").
 */
export function guessLanguage(text: string, languages: readonly string[]): LanguageGuess | undefined {
  if (languages.length < 2) return undefined;
  // Addresses, numbers and order references are in no language.
  const prose = text.slice(0, 1000).replace(/\S*[@\d/]\S*/g, " ");
  const words = fold(prose).split(" ").filter(Boolean);
  const votes = languages.map((language) => {
    const list = FUNCTION_WORDS[language.split("-")[0] ?? language];
    return { language, count: list ? words.filter((word) => list.has(word)).length : 0 };
  });
  votes.sort((a, b) => b.count - a.count);
  const [first, second] = votes;
  if (first && second && first.count > second.count) {
    const lead = first.count - second.count;
    // A greeting alone ("Hello", "Bonsoir") is likely that language, though not surely: the French say
    // "Hello" too, and their next sentence must still be able to change it. A lone "yes" or "non" is not
    // enough to leave the conversation's language.
    const greetingAlone = second.count === 0 && first.count === words.length && words.some((w) => GREETINGS.has(w));
    return {
      language: first.language,
      confidence: lead >= 2 && second.count === 0 ? 0.9 : lead >= 2 ? 0.8 : greetingAlone ? 0.7 : 0.6,
    };
  }
  // Letter statistics say little about one or two words ("bof", "ok merci").
  if (words.filter((word) => /\p{L}{2}/u.test(word)).length < 3) return undefined;
  trigrams ??= new Language();
  const bases = languages.map((language) => language.split("-")[0] ?? language);
  const [best, next] = trigrams.guess(prose, bases, 2);
  if (!best || best.score === 0) return undefined;
  const language = languages[bases.indexOf(best.alpha2)];
  if (language === undefined) return undefined;
  // Trigram scores are relative to the best (1): the margin over the runner-up is the confidence.
  return { language, confidence: Math.round((best.score - (next?.score ?? 0)) * 1000) / 1000 };
}
