import type { QuestionChoice, QuestionNode } from "../../../schema/nodes/question.js";
import { choiceNamedIn, matchChoice, renderChoices, tappedLabel } from "../choices.js";
import { escalate } from "../escalation.js";
import { expectedAnswer } from "../expected-answer.js";
import { readValue } from "../read-value.js";
import { type CustomerInput, goto, type Outcome, type Run, WAIT } from "../run.js";
import { knownAnswer, recordAnswer } from "../slots.js";
import type { BotMessage } from "../types.js";

/** Asks the question and waits for the answer, unless the answer is known already (see `knownAnswer`). */
export async function enterQuestion(node: QuestionNode, run: Run): Promise<Outcome> {
  const known = knownAnswer(node, run);
  if (known) return known;
  run.say(await ask(node, run, node.text, "/text"));
  return WAIT;
}

/**
 * A valid answer is saved at `saveAs` and leads on; an invalid one counts as an attempt and a failed
 * input, and is asked again (with `reprompt`, else saying what it expects) until `maxAttempts`, which leads
 * to `onMaxAttempts`.
 */
export async function answerQuestion(node: QuestionNode, input: CustomerInput, run: Run): Promise<Outcome> {
  const answer = await check(node, input, run);
  const choices = node.input.kind === "choice" ? node.input.choices : [];
  run.inputWas(answer !== undefined, await tappedLabel(run, choices, answer?.choice, input, "/input/choices"));
  if (answer) {
    run.state.attempts = 0;
    run.setVariable(node.saveAs, answer.value);
    recordAnswer(run, node);
    if (answer.given) {
      // The customer gave the value the chosen path asks for: it is saved, and that question skipped.
      run.setVariable(answer.given.question.saveAs, answer.given.value);
      recordAnswer(run, answer.given.question);
      return goto(`choice:${answer.choice?.id}`, answer.given.question.next);
    }
    if (answer.choice?.next !== undefined) return goto(`choice:${answer.choice.id}`, answer.choice.next);
    return goto("next", node.next);
  }
  run.state.attempts += 1;
  const escalated = await escalate(run, { failed: true });
  if (escalated) return escalated;
  if (node.maxAttempts !== undefined && run.state.attempts >= node.maxAttempts) {
    return goto("maxAttempts", node.onMaxAttempts);
  }
  if (node.reprompt) run.say(await ask(node, run, node.reprompt, "/reprompt"));
  else run.say(await ask(node, run, node.text, "/text", `${expectedAnswer(node.input, run.state.language)}\n`));
  return WAIT;
}

/** The question's message: `text` rendered, after `before` (what it expects, when asked again), with its choices. */
async function ask(
  node: QuestionNode,
  run: Run,
  text: QuestionNode["text"],
  field: string,
  before = "",
): Promise<BotMessage> {
  const message: BotMessage = { nodeId: node.id, text: before + (await run.renderText(text, field)) };
  if (node.input.kind === "choice") message.choices = await renderChoices(run, node.input.choices, "/input/choices");
  return message;
}

type Answer =
  | {
      value: unknown;
      choice?: QuestionChoice;
      /** The answer to the question the choice leads to, given instead of the choice. */
      given?: { question: QuestionNode; value: unknown };
    }
  | undefined;

/** The value to save, or undefined when the answer does not fit the question's kind. */
async function check(node: QuestionNode, input: CustomerInput, run: Run): Promise<Answer> {
  const spec = node.input;
  if (spec.kind === "choice") {
    const choice = await matchChoice(run, spec.choices, input, "/input/choices");
    if (choice) return { value: choice.value ?? choice.id, choice };
    if (input.type !== "text") return undefined;
    const given = await valueForChoice(spec.choices, input.text, run);
    if (given) return given;
    const named = await choiceNamedIn(run, spec.choices, input.text, "/input/choices");
    return named ? { value: named.value ?? named.id, choice: named } : undefined;
  }
  // Buttons belong to choice questions; a tap elsewhere is a stale button of an earlier message.
  if (input.type !== "text") return undefined;
  return readValue(node, input.text, run);
}

/** Kinds a customer may answer directly when asked which of them they would rather give. */
const GIVEABLE = new Set(["email", "phone", "pattern"]);

/**
 * "Pour vous identifier, que préférez-vous me donner ?" answered with the e-mail address itself:
 * the choice whose path asks for an e-mail is taken, and the address is its question's answer.
 */
async function valueForChoice(choices: readonly QuestionChoice[], text: string, run: Run): Promise<Answer> {
  for (const choice of choices) {
    const next = choice.next === undefined ? undefined : run.flow.nodes.get(choice.next);
    if (next?.type !== "question" || !GIVEABLE.has(next.input.kind)) continue;
    const given = readValue(next, text, run);
    if (!given) continue;
    // A question marked to always ask is asked all the same: the value only says which choice.
    if (next.alwaysAsk) return { value: choice.value ?? choice.id, choice };
    return { value: choice.value ?? choice.id, choice, given: { question: next, value: given.value } };
  }
  return undefined;
}
