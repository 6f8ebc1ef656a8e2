import type { LocalizedText } from "../../schema/index.js";
import type { CustomerInput, Run } from "./run.js";
import { allVersions, fold } from "./text.js";

interface Choice {
  id: string;
  label: LocalizedText;
}

/**
 * The choice a customer picked: a tapped button (its id), its label typed in any of the flow's
 * languages (accents and case aside), its id typed, or its number in the list (`2`, `2.`, `2)`).
 */
export async function matchChoice<C extends Choice>(
  run: Run,
  choices: readonly C[],
  input: CustomerInput,
  field: string,
): Promise<C | undefined> {
  if (input.type === "choice") return choices.find((choice) => choice.id === input.choiceId);
  const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(input.text);
  if (number) return choices[Number(number[1]) - 1];
  const typed = fold(input.text);
  if (typed === "") return undefined;
  for (const [index, choice] of choices.entries()) {
    if (fold(choice.id) === typed) return choice;
    for (const version of await labelVersions(run, choice, `${field}/${index}/label`)) {
      if (fold(version) === typed) return choice;
    }
  }
  return undefined;
}

/**
 * Words that say nothing of which choice is meant: articles, possessives, prepositions, politeness, in
 * French and English (`par mail`, `mon téléphone svp`, `my email please`).
 */
const FILLERS = new Set(
  (
    "le la les un une des de du au aux mon ma mes ton ta tes votre vos notre nos son sa ses par avec via pour en " +
    "et ou je me moi svp stp plait merci the a an my your our by with for to and or i please thanks"
  ).split(" "),
);

/** `n°` and `no.` stand for number: `Mon n° client` is named by `numéro client`. */
const spelledOut = (label: string) => label.replace(/\bn°\s*/giu, "numéro ").replace(/\bno\.\s*/giu, "number ");

/** The words of a text that may name a choice: folded, fillers and single letters left out. */
const namingWords = (text: string) =>
  fold(text)
    .split(" ")
    .filter((word) => word.length > 1 && !FILLERS.has(word));

/** `tel` names `telephone`, `emails` names `email`: a word names another it begins, or that begins it but for a plural. */
const names = (word: string, of: string) =>
  word === of ||
  (word.length >= 3 && of.startsWith(word)) ||
  (of.length >= 4 && word.startsWith(of) && word.length - of.length <= 2);

/**
 * The choice a customer named in their own words, after {@link matchChoice} found none by its whole
 * label: every word of the answer that may name a choice is a word of its label (in any of the flow's
 * languages) or of its id, or begins one (`téléphone`, `par mail`, `e-mail`, `numéro client`, `tel`
 * for `Mon e-mail`, `Mon téléphone`, `Mon n° client`). Only when exactly one choice is so named: a
 * sentence with other words (`je veux retourner ma commande`) is no choice, and goes where the node
 * sends what it does not understand.
 */
export async function choiceNamedIn<C extends Choice>(
  run: Run,
  choices: readonly C[],
  text: string,
  field: string,
): Promise<C | undefined> {
  const said = namingWords(text);
  if (said.length === 0) return undefined;
  let named: C | undefined;
  for (const [index, choice] of choices.entries()) {
    const versions = await labelVersions(run, choice, `${field}/${index}/label`);
    const words = [choice.id, ...versions].flatMap((version) => namingWords(spelledOut(version)));
    if (!said.every((word) => words.some((of) => names(word, of)))) continue;
    if (named) return undefined;
    named = choice;
  }
  return named;
}

/** A choice's label in each of the flow's languages, its variables filled. */
async function labelVersions(run: Run, choice: Choice, where: string): Promise<string[]> {
  const versions: string[] = [];
  for (const version of allVersions(choice.label)) versions.push(await run.render(version, run.where(where)));
  return versions;
}

/** The label of a tapped button as the customer saw it (a tap sends only the choice's id). */
export async function tappedLabel<C extends Choice>(
  run: Run,
  choices: readonly C[],
  choice: C | undefined,
  input: CustomerInput,
  field: string,
): Promise<string | undefined> {
  if (input.type !== "choice" || !choice) return undefined;
  return run.renderText(choice.label, `${field}/${choices.indexOf(choice)}/label`);
}

/** The buttons of a message or question, labelled in the conversation's language. */
export async function renderChoices(run: Run, choices: readonly Choice[], field: string) {
  const rendered: { id: string; label: string }[] = [];
  for (const [index, choice] of choices.entries()) {
    rendered.push({ id: choice.id, label: await run.renderText(choice.label, `${field}/${index}/label`) });
  }
  return rendered;
}
