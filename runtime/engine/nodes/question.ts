import type { QuestionChoice, QuestionNode } from "../../../schema/nodes/question.js";
import { characterCount, parseDate, parseEmail, parseNumber } from "../answers.js";
import { matchChoice, renderChoices } from "../choices.js";
import { escalate } from "../escalation.js";
import { DEFAULT_PHONE_REGION, normalizePhone } from "../phone.js";
import { type CustomerInput, goto, type Outcome, type Run, WAIT } from "../run.js";
import type { BotMessage } from "../types.js";

/** Asks the question and waits for the answer. */
export async function enterQuestion(node: QuestionNode, run: Run): Promise<Outcome> {
  run.say(await ask(node, run, node.text, "/text"));
  return WAIT;
}

/**
 * A valid answer is saved at `saveAs` and leads on; an invalid one counts as an attempt and a failed
 * input, and is asked again (with `reprompt`) until `maxAttempts`, which leads to `onMaxAttempts`.
 */
export async function answerQuestion(node: QuestionNode, input: CustomerInput, run: Run): Promise<Outcome> {
  const answer = await check(node, input, run);
  run.inputWas(answer !== undefined);
  if (answer) {
    run.state.attempts = 0;
    run.setVariable(node.saveAs, answer.value);
    if (answer.choice?.next !== undefined) return goto(`choice:${answer.choice.id}`, answer.choice.next);
    return goto("next", node.next);
  }
  run.state.attempts += 1;
  const escalated = await escalate(run, { failed: true });
  if (escalated) return escalated;
  if (node.maxAttempts !== undefined && run.state.attempts >= node.maxAttempts) {
    return goto("maxAttempts", node.onMaxAttempts);
  }
  run.say(await ask(node, run, node.reprompt ?? node.text, node.reprompt ? "/reprompt" : "/text"));
  return WAIT;
}

async function ask(node: QuestionNode, run: Run, text: QuestionNode["text"], field: string): Promise<BotMessage> {
  const message: BotMessage = { nodeId: node.id, text: await run.renderText(text, field) };
  if (node.input.kind === "choice") message.choices = await renderChoices(run, node.input.choices, "/input/choices");
  return message;
}

type Answer = { value: unknown; choice?: QuestionChoice } | undefined;

/** The value to save, or undefined when the answer does not fit the question's kind. */
async function check(node: QuestionNode, input: CustomerInput, run: Run): Promise<Answer> {
  const spec = node.input;
  if (spec.kind === "choice") {
    const choice = await matchChoice(run, spec.choices, input, "/input/choices");
    return choice ? { value: choice.value ?? choice.id, choice } : undefined;
  }
  // Buttons belong to choice questions; a tap elsewhere is a stale button of an earlier message.
  if (input.type !== "text") return undefined;
  const text = input.text.trim();
  const found = <T>(value: T | undefined) => (value === undefined ? undefined : { value });
  switch (spec.kind) {
    case "text": {
      const length = characterCount(text);
      if (length < (spec.minLength ?? 1)) return undefined;
      if (spec.maxLength !== undefined && length > spec.maxLength) return undefined;
      return { value: text };
    }
    case "number": {
      const value = parseNumber(text);
      if (value === undefined) return undefined;
      if (spec.integer && !Number.isInteger(value)) return undefined;
      if (spec.min !== undefined && value < spec.min) return undefined;
      if (spec.max !== undefined && value > spec.max) return undefined;
      return { value };
    }
    case "email":
      return found(parseEmail(text));
    case "phone":
      return found(normalizePhone(text, spec.region ?? DEFAULT_PHONE_REGION));
    case "date":
      return found(parseDate(text));
    case "pattern": {
      const pattern = run.flow.expressions.pattern(spec.pattern, spec.caseSensitive ?? false);
      if (!pattern.ok) {
        throw run.failure(
          "EXPRESSION",
          `The pattern \`${spec.pattern}\` in ${run.where("/input/pattern")} cannot run: ${pattern.message}. Relais runs patterns in linear time (RE2 syntax: no backreferences or lookarounds).`,
        );
      }
      return pattern.regex.testExact(text) ? { value: text } : undefined;
    }
    default: {
      const unknown: never = spec;
      throw new Error(`Unknown question kind ${JSON.stringify(unknown)}`);
    }
  }
}
