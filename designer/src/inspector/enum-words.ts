import type { CURRENCIES } from "../../../runtime/engine/index.js";
import type { EscalationRuleKind, Priority, QuestionInput } from "../../../schema/index.js";
import { language, t, type WordKey } from "../i18n.js";
import { fromExpression, type Operator, type VariableType } from "../model/condition.js";

/** The words people read for the flow format's enum values; the values themselves stay in the file. */
export const questionKindWords = {
  text: "questionKind.text",
  number: "questionKind.number",
  email: "questionKind.email",
  phone: "questionKind.phone",
  date: "questionKind.date",
  amount: "questionKind.amount",
  choice: "questionKind.choice",
  pattern: "questionKind.pattern",
} as const satisfies Record<QuestionInput["kind"], WordKey>;

/** Currencies of an amount question, in words. */
export const currencyWords = {
  EUR: "currency.EUR",
  USD: "currency.USD",
  GBP: "currency.GBP",
  CHF: "currency.CHF",
  CAD: "currency.CAD",
} as const satisfies Record<(typeof CURRENCIES)[number], WordKey>;

/** Currencies after a number in a condition, in words: "500 euros". */
export const amountCurrencyWords = {
  EUR: "amountIn.EUR",
  USD: "amountIn.USD",
  GBP: "amountIn.GBP",
  CHF: "amountIn.CHF",
  CAD: "amountIn.CAD",
} as const satisfies Record<(typeof CURRENCIES)[number], WordKey>;

export const priorityWords = {
  low: "priority.low",
  normal: "priority.normal",
  high: "priority.high",
  urgent: "priority.urgent",
} as const satisfies Record<Priority, WordKey>;

export const ruleKindWords = {
  humanRequest: "ruleKind.humanRequest",
  failedInputs: "ruleKind.failedInputs",
  lowConfidence: "ruleKind.lowConfidence",
  negativeSentiment: "ruleKind.negativeSentiment",
  loop: "ruleKind.loop",
  value: "ruleKind.value",
} as const satisfies Record<EscalationRuleKind, WordKey>;

export const variableTypeWords = {
  string: "type.string",
  number: "type.number",
  boolean: "type.boolean",
  object: "type.object",
  array: "type.array",
  unknown: "type.unknown",
} as const satisfies Record<VariableType, WordKey>;

export const mediaKindWords = {
  image: "media.image",
  video: "media.video",
  audio: "media.audio",
  file: "media.file",
} as const satisfies Record<string, WordKey>;

/** Words for a node field's `select` options, by field name; options without words (GET, POST…) are their own. */
export const optionWords: Record<string, Record<string, WordKey>> = { priority: priorityWords };

/** The word for `value` in `table`, or the value itself when the table has none (a hand-edited file). */
export const wordOf = (table: Record<string, WordKey>, value: string): string => {
  const key = table[value];
  return key ? t(key) : value;
};

/** An operator in words: "est" for text, "=" for numbers. */
export function operatorWord(operator: Operator, type: VariableType): string {
  if ((operator === "eq" || operator === "ne") && type === "string") return t(`op.${operator}.text`);
  return t(`op.${operator}`);
}

/**
 * A condition rule as the canvas labels its way out: in words as the condition builder shows it
 * (`order.total ≥ 500 et order.dispute est vrai`, `toujours`), or as written when it is an expression
 * the builder cannot show as rows.
 */
export function conditionInWords(when: string): string {
  const key = `${language} ${when}`;
  let words = worded.get(key);
  if (words === undefined) {
    if (worded.size >= WORDED_KEPT) worded.clear();
    words = wordCondition(when);
    worded.set(key, words);
  }
  return words;
}

/** Conditions worded lately: the canvas draws each one again whenever its node is drawn, and parsing one costs. */
const worded = new Map<string, string>();
const WORDED_KEPT = 1_000;

function wordCondition(when: string): string {
  if (when.trim() === "true") return t("condition.onCanvas.always");
  const read = fromExpression(when, {});
  if (!read.ok) return when;
  const rows = read.condition.rows.map(({ variable, operator, value, currency }) => {
    const type: VariableType = typeof value === "string" ? "string" : "unknown";
    const shown =
      value === undefined
        ? undefined
        : typeof value === "string"
          ? t("condition.onCanvas.text", { value })
          : String(value);
    return [variable, operatorWord(operator, type), shown, currency].filter(Boolean).join(" ");
  });
  return rows.join(` ${t(read.condition.match === "all" ? "condition.onCanvas.and" : "condition.onCanvas.or")} `);
}
