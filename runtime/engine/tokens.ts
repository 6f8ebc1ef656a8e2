import { fold } from "./text.js";

/**
 * Short words that carry no intent, and politeness that every message may hold. Dropping them keeps
 * "bonjour, je voudrais savoir où est ma commande" close to the example "où est ma commande".
 */
const STOP_WORDS = new Set(
  [
    "a au aux c ce d de des du en est et il j je l la le les m ma me mes moi mon n ne ou que qu s sa se ses son",
    "t ta te tes ton tu un une vous votre vos y bonjour bonsoir salut merci svp stp plait",
    "an and are at be for i in is it my of on or the to you your hello hi please thanks",
  ]
    .join(" ")
    .split(" "),
);

/** The words of a text that can carry meaning: folded, without stop words or bare numbers. */
export function contentTokens(text: string): string[] {
  return fold(text)
    .split(" ")
    .filter((token) => token !== "" && !STOP_WORDS.has(token) && !/^\d+$/.test(token));
}
