import type { MessageNode } from "../../../schema/nodes/message.js";
import { choiceNamedIn, matchChoice, renderChoices, tappedLabel } from "../choices.js";
import { escalate } from "../escalation.js";
import { type CustomerInput, goto, type Outcome, type Run, WAIT } from "../run.js";
import type { BotMessage } from "../types.js";

/** Sends the message; with choices it waits for one, otherwise it goes straight on. */
export async function enterMessage(node: MessageNode, run: Run): Promise<Outcome> {
  run.say(await render(node, run));
  return node.choices?.length ? WAIT : goto("next", node.next);
}

/** A choice leads on; anything else goes to `fallback`, or has the message sent again. */
export async function answerMessage(node: MessageNode, input: CustomerInput, run: Run): Promise<Outcome> {
  const choices = node.choices ?? [];
  const choice =
    (await matchChoice(run, choices, input, "/choices")) ??
    (input.type === "text" ? await choiceNamedIn(run, choices, input.text, "/choices") : undefined);
  run.inputWas(choice !== undefined, await tappedLabel(run, choices, choice, input, "/choices"));
  if (choice) return goto(`choice:${choice.id}`, choice.next);
  const escalated = await escalate(run, { failed: true });
  if (escalated) return escalated;
  if (node.fallback !== undefined) return goto("fallback", node.fallback);
  run.say(await render(node, run));
  return WAIT;
}

async function render(node: MessageNode, run: Run): Promise<BotMessage> {
  const message: BotMessage = { nodeId: node.id, text: await run.renderText(node.text, "/text") };
  if (node.media?.length) {
    message.media = [];
    for (const [index, media] of node.media.entries()) {
      const url = await run.render(media.url, run.where(`/media/${index}/url`));
      const caption = media.caption ? await run.renderText(media.caption, `/media/${index}/caption`) : undefined;
      message.media.push({ kind: media.kind, url, ...(caption ? { caption } : {}) });
    }
  }
  if (node.choices?.length) message.choices = await renderChoices(run, node.choices, "/choices");
  return message;
}
