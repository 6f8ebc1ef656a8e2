import { fold } from "../../engine/text.js";

/** Numbers as customers spell them in the languages Relais speaks, to pick a numbered choice. */
const WORDS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** The number one word names (`deux`, `five`), already folded to lower case without accents. */
export const numberWord = (word: string): number | undefined => WORDS[word];

/** `deux`, `Trois.`, `the two`: the number a customer spelt out as their whole answer, if they did. */
export function spelledNumber(text: string): number | undefined {
  return numberWord(fold(text).replace(/^(le|la|the|number|numero|n)\s+/, ""));
}
