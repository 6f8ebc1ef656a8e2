import { MESSENGER, WHATSAPP } from "../channel-capabilities.js";
import { plainForSms, segments } from "../sms-segments.js";
import { type LintContext, nodeProblem, nodesOf, pointerSegment } from "./context.js";
import { choicesOf, labelsOf } from "./whatsapp.js";

/** Messenger shows 4 to 13 choices as quick replies, whose titles it cuts at 20 characters (1 to 3: buttons, same cut). */
const MESSENGER_TITLE = MESSENGER.title;
/** WhatsApp's reply buttons are for 1 to 3 choices; past them, its list rows take longer labels than Messenger. */
const WHATSAPP_BUTTONS = WHATSAPP.buttons;

/**
 * Choice labels Messenger would cut: among 4 or more choices, or among 1 to 3 when WhatsApp is not
 * there to say so (its reply buttons cut at the same length, and `whatsapp-buttons` says it once).
 */
export function messengerLabels(context: LintContext) {
  if (!context.channels.has("messenger")) return [];
  const fewSaidByWhatsApp = context.channels.has("whatsapp");
  return nodesOf(context.flow).flatMap((node, index) => {
    const found = choicesOf(node);
    if (!found || found.choices.length === 0) return [];
    if (fewSaidByWhatsApp && found.choices.length <= WHATSAPP_BUTTONS) return [];
    return found.choices.flatMap((choice, i) =>
      labelsOf(choice.label).flatMap(({ text, language }) => {
        const length = [...text].length;
        if (length <= MESSENGER_TITLE) return [];
        const pointer = `${found.pointer}/${i}/label${language === undefined ? "" : `/${pointerSegment(language)}`}`;
        return [
          nodeProblem(
            context,
            index,
            pointer,
            "messenger-labels",
            `node \`${node.id}\`: the label ${JSON.stringify(text)} of choice \`${choice.id}\` has ${length} characters, but Messenger ${found.choices.length <= MESSENGER.buttons ? "buttons" : "quick replies"} show at most ${MESSENGER_TITLE}; shorten it to ${MESSENGER_TITLE} characters or fewer.`,
            "warning",
            { choice: choice.id, label: text, length, limit: MESSENGER_TITLE },
          ),
        ];
      }),
    );
  });
}

/** Past this many segments an SMS costs as much as several and reads badly on a phone. */
const SMS_SEGMENTS = 3;

/**
 * A text that would go as more than 3 SMS segments once its choices are numbered under it: the
 * customer gets it cut into parts, billed each. `{{ }}` templates count as written.
 */
export function smsSegments(context: LintContext) {
  if (!context.channels.has("sms")) return [];
  return nodesOf(context.flow).flatMap((node, index) => {
    if (node.type !== "message" && node.type !== "question") return [];
    const choices = choicesOf(node)?.choices ?? [];
    return labelsOf(node.text).flatMap(({ text, language }) => {
      const labels = choices.map((choice, i) => {
        const label = labelsOf(choice.label).find((each) => each.language === language) ?? labelsOf(choice.label)[0];
        return `${i + 1}. ${label?.text ?? choice.id}`;
      });
      const sms = segments(plainForSms([text, ...labels].join("\n")));
      if (sms.segments <= SMS_SEGMENTS) return [];
      const pointer = `/text${language === undefined ? "" : `/${pointerSegment(language)}`}`;
      return [
        nodeProblem(
          context,
          index,
          pointer,
          "sms-segments",
          `node \`${node.id}\`: by SMS this text${choices.length > 0 ? " and its numbered choices" : ""} take ${sms.segments} segments (${sms.encoding}), sent in parts and billed each; keep it within ${SMS_SEGMENTS} segments (about ${SMS_SEGMENTS * (sms.encoding === "GSM-7" ? 153 : 67)} characters).`,
          "warning",
          { segments: sms.segments, encoding: sms.encoding, limit: SMS_SEGMENTS },
        ),
      ];
    });
  });
}
