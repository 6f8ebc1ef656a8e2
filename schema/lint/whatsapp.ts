import { WHATSAPP } from "../channel-capabilities.js";
import type { LocalizedText } from "../common.js";
import type { FlowNode } from "../nodes/index.js";
import { type LintContext, nodeProblem, nodesOf, pointerSegment } from "./context.js";

/** WhatsApp shows up to 3 choices as reply buttons, more as a list; each cuts labels at its own length. */
const REPLY_BUTTONS = {
  most: WHATSAPP.buttons,
  characters: WHATSAPP.buttonTitle,
  name: "reply buttons",
  used: `1 to ${WHATSAPP.buttons} choices`,
};
const LIST_ROWS = {
  characters: WHATSAPP.rowTitle,
  name: "list rows",
  used: `${WHATSAPP.buttons + 1} to ${WHATSAPP.listRows} choices`,
};

/** Choice labels longer than WhatsApp shows: the customer would read a cut label. */
export function whatsappButtons(context: LintContext) {
  if (!context.channels.has("whatsapp")) return [];
  return nodesOf(context.flow).flatMap((node, index) => {
    const found = choicesOf(node);
    if (!found || found.choices.length === 0) return [];
    const limit = found.choices.length <= REPLY_BUTTONS.most ? REPLY_BUTTONS : LIST_ROWS;
    return found.choices.flatMap((choice, i) =>
      labelsOf(choice.label).flatMap(({ text, language }) => {
        const length = [...text].length;
        if (length <= limit.characters) return [];
        const pointer = `${found.pointer}/${i}/label${language === undefined ? "" : `/${pointerSegment(language)}`}`;
        return [
          nodeProblem(
            context,
            index,
            pointer,
            "whatsapp-buttons",
            `node \`${node.id}\`: the label ${JSON.stringify(text)} of choice \`${choice.id}\` has ${length} characters, but WhatsApp ${limit.name} (used for ${limit.used}) show at most ${limit.characters}; shorten it to ${limit.characters} characters or fewer.`,
            "warning",
            { choice: choice.id, label: text, length, limit: limit.characters },
          ),
        ];
      }),
    );
  });
}

const BUTTON_BODY = WHATSAPP.buttonBody;

/**
 * A text over 1,024 characters above 1 to 3 choices: WhatsApp's reply buttons carry no more, so the
 * customer would get the start of it as a message of its own and the buttons under the rest.
 */
export function whatsappButtonBody(context: LintContext) {
  if (!context.channels.has("whatsapp")) return [];
  return nodesOf(context.flow).flatMap((node, index) => {
    const found = choicesOf(node);
    if (!found || found.choices.length === 0 || found.choices.length > REPLY_BUTTONS.most) return [];
    if (node.type !== "message" && node.type !== "question") return [];
    return labelsOf(node.text).flatMap(({ text, language }) => {
      const length = [...text].length;
      if (length <= BUTTON_BODY) return [];
      const pointer = `/text${language === undefined ? "" : `/${pointerSegment(language)}`}`;
      return [
        nodeProblem(
          context,
          index,
          pointer,
          "whatsapp-button-body",
          `node \`${node.id}\`: the text has ${length} characters, but WhatsApp shows at most ${BUTTON_BODY} above reply buttons; the rest would arrive as a separate message before them. Shorten it to ${BUTTON_BODY} characters or fewer.`,
          "warning",
          { length, limit: BUTTON_BODY },
        ),
      ];
    });
  });
}

interface Choice {
  id: string;
  label: LocalizedText;
}

export function choicesOf(node: FlowNode): { choices: Choice[]; pointer: string } | undefined {
  if (node.type === "message" && Array.isArray(node.choices)) return { choices: node.choices, pointer: "/choices" };
  if (node.type === "question" && node.input?.kind === "choice" && Array.isArray(node.input.choices)) {
    return { choices: node.input.choices, pointer: "/input/choices" };
  }
  return undefined;
}

export function labelsOf(label: LocalizedText): { text: string; language?: string }[] {
  if (typeof label === "string") return [{ text: label }];
  if (typeof label !== "object" || label === null) return [];
  return Object.entries(label).flatMap(([language, text]) => (typeof text === "string" ? [{ text, language }] : []));
}
