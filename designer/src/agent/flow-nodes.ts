import { localize } from "../../../runtime/engine/index.js";
import { definitionOf, type Flow, type LocalizedText } from "../../../schema/index.js";
import { language, say } from "../i18n.js";

/** A node as the agent picks it to give the conversation back: its id, kind and first words. */
export interface NodeChoice {
  id: string;
  type: string;
  label: string;
}

/**
 * The nodes where the bot can take over again, labelled `ask-order — Question : Quel est…`.
 * A start or return node is left out: it would only restart or end the conversation.
 */
export function resumableNodes(flow: Flow): NodeChoice[] {
  return flow.nodes
    .filter((node) => node.type !== "start" && node.type !== "return")
    .map((node) => {
      const { label, text } = node as { label?: string; text?: LocalizedText };
      const words = label ?? (text !== undefined ? localize(text, language, flow.languages) : "");
      const short = words.length > 60 ? `${words.slice(0, 57)}…` : words;
      const kind = say(definitionOf(node).ui.title);
      return { id: node.id, type: node.type, label: `${node.id} — ${kind}${short ? ` : ${short}` : ""}` };
    });
}

/** The node to offer first: where the bot stopped, unless that is the handoff itself; then the first question. */
export function suggestedNode(choices: readonly NodeChoice[], stoppedAt: string | undefined): string | undefined {
  const stopped = choices.find((choice) => choice.id === stoppedAt);
  if (stopped && stopped.type !== "handoff" && stopped.type !== "end") return stopped.id;
  return (choices.find((choice) => choice.type === "question") ?? choices[0])?.id;
}
