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
    for (const version of allVersions(choice.label)) {
      const label = await run.render(version, run.where(`${field}/${index}/label`));
      if (fold(label) === typed) return choice;
    }
  }
  return undefined;
}

/** The buttons of a message or question, labelled in the conversation's language. */
export async function renderChoices(run: Run, choices: readonly Choice[], field: string) {
  const rendered: { id: string; label: string }[] = [];
  for (const [index, choice] of choices.entries()) {
    rendered.push({ id: choice.id, label: await run.renderText(choice.label, `${field}/${index}/label`) });
  }
  return rendered;
}
