import { fold } from "./text.js";

/** Folded words by how negative (< 0) or positive (> 0) they are; French first, then English. */
const WEIGHTS: [number, string][] = [
  [
    -2,
    "inadmissible inacceptable scandaleux scandaleuse scandale honteux honte arnaque escroc escroquerie voleur voleurs " +
      "horrible lamentable pire catastrophe catastrophique furieux furieuse colere marre degoute " +
      "unacceptable outrageous scam disgusting terrible awful worst furious angry hate",
  ],
  [-1.5, "nul nulle nuls nulles incompetent incompetents inutile enerve enervee ridiculous useless pathetic upset"],
  [
    -1,
    "decu decue decevant decevante mecontent mecontente agace plainte annoyed disappointed disappointing complaint bad",
  ],
  [-0.5, "probleme retard bof lent lente attente problem late slow waiting"],
  [0.5, "bien good"],
  [1, "merci top content contente thanks thank happy"],
  [1.5, "parfait super genial excellent ravi ravie formidable great perfect awesome love"],
];
const LEXICON = new Map(WEIGHTS.flatMap(([weight, words]) => words.split(" ").map((word) => [word, weight] as const)));

const INTENSIFIERS = new Set(
  "tres vraiment trop tellement totalement completement absolument extremement very really so extremely totally completely absolutely".split(
    " ",
  ),
);

/** `t` is what is left of "don't", "isn't"… once folded. */
const NEGATIONS = new Set(["pas", "plus", "jamais", "aucun", "aucune", "not", "no", "never", "t"]);

/**
 * French sayings whose words mislead: "pas terrible" is poor (not the opposite of terrible),
 * "pas mal" is rather good. Read as one word each before the lexicon.
 */
const IDIOMS: [RegExp, string][] = [
  [/\bpas (si |tres |vraiment )?terrible\b/g, "bof"],
  [/\bpas mal\b/g, "bien"],
  [/\bpas (de|d) (souci|soucis|probleme)\b/g, "bien"],
  [/\bde rien\b/g, ""],
];

/**
 * A lexicon score from -1 (angry) to 1 (happy), the default of the engine and the simulator.
 * An intensifier just before a word makes it weigh 1.5 times; a negation within the two words before
 * flips and halves it ("pas content"); exclamation marks add weight. The sum is squashed into -1..1.
 */
export function lexiconSentiment(text: string, _language?: string): number {
  let folded = fold(text);
  for (const [saying, meaning] of IDIOMS) folded = folded.replace(saying, meaning);
  const words = folded.split(" ");
  let sum = 0;
  words.forEach((word, index) => {
    const weight = LEXICON.get(word);
    if (!weight) return;
    let score = weight;
    if (INTENSIFIERS.has(words[index - 1] ?? "")) score *= 1.5;
    if (NEGATIONS.has(words[index - 1] ?? "") || NEGATIONS.has(words[index - 2] ?? "")) score *= -0.5;
    sum += score;
  });
  const exclamations = Math.min((text.match(/!/g) ?? []).length, 3);
  sum *= 1 + 0.15 * exclamations;
  const squashed = sum / Math.sqrt(sum * sum + 4);
  return Math.max(-1, Math.min(1, Math.round(squashed * 1000) / 1000));
}
