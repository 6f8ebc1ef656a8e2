import { getPath, localize } from "../../../runtime/engine/index.js";
import type { HandoffReason, ReasonLabel } from "../../../schema/api/index.js";

type Lang = "fr" | "en";

/**
 * A label in the reader's language: theirs, else the flow's first language, which the engine puts first;
 * a label recorded as one text is that text. Undefined when there is none, or it is empty.
 */
export function labelIn(label: ReasonLabel | undefined, lang: Lang): string | undefined {
  return label === undefined ? undefined : localize(label, lang, []) || undefined;
}

/** An intent's id in words, for an intent the flow gives no label: `order_status` → `Order status`. */
export function idInWords(id: string): string {
  const words = id.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An intent as agents read it: its label in their language, else its id in words. */
export function intentWords(id: string, label: ReasonLabel | undefined, lang: Lang): string {
  return labelIn(label, lang) ?? idInWords(id);
}

export interface SavedIntent {
  id: string;
  confidence: number;
  label?: ReasonLabel;
}

/**
 * An intent as an intent node saved it among the collected values, `{id, confidence}`, with the label
 * handoffs add to it; undefined for any other value. Collected values can hold anything, so each part is checked.
 */
export function savedIntent(value: unknown): SavedIntent | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const { id, confidence, label } = value as Record<string, unknown>;
  if (typeof id !== "string" || typeof confidence !== "number") return undefined;
  return { id, confidence, ...(isLabel(label) ? { label } : {}) };
}

function isLabel(value: unknown): value is ReasonLabel {
  if (typeof value === "string") return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((text) => typeof text === "string");
}

/**
 * Why a conversation came to a person, in words an agent reads at a glance: the rule's label and
 * the values that made it fire (`Montant de commande élevé : 740 EUR >= 500 EUR`), not an expression.
 * `variables` are the collected ones, to find the currency next to an amount.
 */
export function describeReason(reason: HandoffReason, variables: Record<string, unknown>, lang: Lang = "fr"): string {
  const label = labelIn(reason.label, lang);
  const details = describeDetails(reason, label, variables, lang);
  // A value rule's words already lead with its label; a handoff step's label is all there is to say.
  if (!label || reason.kind === "value" || reason.kind === "node" || details === label) return details;
  return lang === "fr" ? `${label} : ${details}` : `${label}: ${details}`;
}

function describeDetails(
  reason: HandoffReason,
  label: string | undefined,
  variables: Record<string, unknown>,
  lang: Lang,
): string {
  const fr = lang === "fr";
  const num = (value: unknown) => formatValue(value, lang);
  const quote = (text: unknown) => (fr ? `« ${String(text)} »` : `“${String(text)}”`);
  const limit = (operator: string, value: number | undefined) =>
    value === undefined ? "" : ` ${operator} ${num(value)}`;
  switch (reason.kind) {
    case "value": {
      const { comparisons } = reason;
      if (!comparisons) {
        const rule = reason.when ?? reason.detail ?? reason.ruleId;
        return label ? `${label} (${rule})` : rule;
      }
      const joinWord = { and: fr ? " et " : " and ", or: fr ? " ou " : " or " };
      const parts = comparisons.map((c) => {
        const currency = c.currency ?? currencyNear(c.path, variables);
        const show = (value: unknown, code = currency) =>
          typeof value === "number" && code ? `${num(value)} ${code}` : num(value);
        // A threshold in one currency says it, whatever the amount's: `740 USD >= 500 EUR` did not fire.
        const literal = show(c.literal, c.literalCurrency ?? currency);
        const compared = c.literalFirst
          ? `${literal} ${c.operator} ${show(c.value)}`
          : `${show(c.value)} ${c.operator} ${literal}`;
        if (label && comparisons.length === 1) {
          // "Litige en cours" says it all when the rule is `order.dispute = true`.
          if (c.operator === "=" && c.literal === true) return "";
          return compared;
        }
        return `${c.path} ${compared}`;
      });
      const values = parts
        .map((part, index) => `${index === 0 ? "" : joinWord[comparisons[index]?.joiner ?? "and"]}${part}`)
        .join("");
      if (!label) return values;
      return values ? `${label} : ${values}` : label;
    }
    case "humanRequest":
      return fr
        ? `Le client demande un conseiller : ${quote(reason.values.text)}`
        : `The customer asks for a person: ${quote(reason.values.text)}`;
    case "failedInputs": {
      const { failedInputs, nodeId } = reason.values;
      const threshold =
        reason.threshold === undefined
          ? ""
          : fr
            ? ` (seuil ${num(reason.threshold)})`
            : ` (threshold ${num(reason.threshold)})`;
      return fr
        ? `${num(failedInputs)} réponses non comprises d'affilée à l'étape ${quote(nodeId)}${threshold}`
        : `${num(failedInputs)} answers in a row not understood at step ${quote(nodeId)}${threshold}`;
    }
    case "lowConfidence": {
      const { confidence, intent, intentLabel } = reason.values;
      const words = intent === null ? undefined : intentWords(intent, intentLabel, lang);
      const nearest = words
        ? fr
          ? `, intention la plus proche ${quote(words)}`
          : `, nearest intent ${quote(words)}`
        : "";
      return fr
        ? `Demande pas comprise avec assez de certitude : confiance ${num(confidence)}${limit("<", reason.floor)}${nearest}`
        : `Request not understood with enough certainty: confidence ${num(confidence)}${limit("<", reason.floor)}${nearest}`;
    }
    case "negativeSentiment": {
      const { sentiment, text } = reason.values;
      return fr
        ? `Client mécontent (humeur ${num(sentiment)}${limit("<=", reason.threshold)}) : ${quote(text)}`
        : `Unhappy customer (sentiment ${num(sentiment)}${limit("<=", reason.threshold)}): ${quote(text)}`;
    }
    case "loop": {
      const { nodeId, visits } = reason.values;
      const max =
        reason.maxVisits === undefined
          ? ""
          : fr
            ? ` (maximum ${num(reason.maxVisits)})`
            : ` (maximum ${num(reason.maxVisits)})`;
      return fr
        ? `La conversation tourne en rond : étape ${quote(nodeId)} vue ${num(visits)} fois${max}`
        : `The conversation goes round in circles: step ${quote(nodeId)} seen ${num(visits)} times${max}`;
    }
    case "node":
      if (label) return label;
      return fr
        ? `Le parcours passe la main à l'étape ${quote(reason.ruleId)}`
        : `The flow hands over at step ${quote(reason.ruleId)}`;
    case "transfer":
      return fr ? "Transférée par un conseiller" : "Transferred by an agent";
    case "error": {
      const message = reason.message ?? reason.detail ?? "";
      return fr ? `Le parcours a rencontré une erreur : ${message}` : `The flow failed: ${message}`;
    }
    default: {
      const unknown: never = reason;
      return String(unknown);
    }
  }
}

/** A date the bot collected (`2026-11-21`, as CRMs give them), as its day: one day whatever the clock's zone. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-11-21` → `21/11/2026`; undefined for anything that is not such a day. */
export function formatDay(value: unknown, lang: Lang): string | undefined {
  if (typeof value !== "string" || !ISO_DAY.test(value) || Number.isNaN(Date.parse(value))) return undefined;
  return new Date(`${value}T00:00:00Z`).toLocaleDateString(lang === "fr" ? "fr-FR" : "en-GB", { timeZone: "UTC" });
}

/**
 * A collected value in words: `740` → `740`, `740.5` → `740,50` and `2026-11-21` → `21/11/2026` in French,
 * `true` → `oui`; anything else as text.
 */
export function formatValue(value: unknown, lang: Lang): string {
  const day = formatDay(value, lang);
  if (day !== undefined) return day;
  if (typeof value === "number") {
    const decimals = Number.isInteger(value) ? 0 : 2;
    return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
    }).format(value);
  }
  if (typeof value === "boolean") return lang === "fr" ? (value ? "oui" : "non") : value ? "yes" : "no";
  if (value === undefined || value === null) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `EUR` when the amount at `order.total` sits next to `order.currency`: for reasons recorded without their currency. */
function currencyNear(path: string, variables: Record<string, unknown>): string | undefined {
  const parent = path.split(".").slice(0, -1);
  if (parent.length === 0) return undefined;
  const currency = getPath(variables, [...parent, "currency"].join("."));
  return typeof currency === "string" && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
}
