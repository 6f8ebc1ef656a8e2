import type { HandoffReason } from "../../../runtime/engine/types.js";
import { getPath } from "../../../runtime/engine/variables.js";

type Lang = "fr" | "en";

/** One comparison of a value rule's detail: `order.total = 740 >= 500`. */
interface Comparison {
  path: string;
  value: unknown;
  operator: string;
  literal: unknown;
  /** How it joins the comparison before it. */
  joiner?: "and" | "or";
}

/**
 * Why a conversation came to a person, in words an agent reads at a glance: the rule's label and
 * the values that made it fire (`Montant de commande élevé : 740 EUR >= 500 EUR`), not an expression.
 * `variables` are the collected ones, to find the currency next to an amount.
 */
export function describeReason(reason: HandoffReason, variables: Record<string, unknown>, lang: Lang = "fr"): string {
  const details = describeDetails(reason, variables, lang);
  // A value rule's words already lead with its label; a handoff step's label is all there is to say.
  if (!reason.label || reason.kind === "value" || reason.kind === "node" || details === reason.label) return details;
  return lang === "fr" ? `${reason.label} : ${details}` : `${reason.label}: ${details}`;
}

function describeDetails(reason: HandoffReason, variables: Record<string, unknown>, lang: Lang): string {
  const v = reason.values ?? {};
  const fr = lang === "fr";
  const num = (value: unknown) => formatNumber(value, lang);
  const quote = (text: unknown) => (fr ? `« ${String(text)} »` : `“${String(text)}”`);
  const bound = (pattern: RegExp) => pattern.exec(reason.detail)?.[1];
  switch (reason.kind) {
    case "value": {
      const comparisons = parseComparisons(reason.detail);
      if (!comparisons) return reason.label ? `${reason.label} (${reason.detail})` : reason.detail;
      const joinWord = { and: fr ? " et " : " and ", or: fr ? " ou " : " or " };
      const parts = comparisons.map((c) => {
        const currency = currencyNear(c.path, variables);
        const show = (value: unknown) =>
          typeof value === "number" && currency ? `${num(value)} ${currency}` : num(value);
        if (reason.label && comparisons.length === 1) {
          // "Litige en cours" says it all when the rule is `order.dispute = true`.
          if (c.operator === "=" && c.literal === true) return "";
          return `${show(c.value)} ${c.operator} ${show(c.literal)}`;
        }
        return `${c.path} ${show(c.value)} ${c.operator} ${show(c.literal)}`;
      });
      const values = parts
        .map((part, index) => (index === 0 ? part : `${joinWord[comparisons[index]?.joiner ?? "and"]}${part}`))
        .join("");
      if (!reason.label) return values;
      return values ? `${reason.label} : ${values}` : reason.label;
    }
    case "humanRequest":
      if (typeof v.text === "string") {
        return fr
          ? `Le client demande un conseiller : ${quote(v.text)}`
          : `The customer asks for a person: ${quote(v.text)}`;
      }
      return fr
        ? `Le client demande un conseiller (intention reconnue, confiance ${num(v.confidence)})`
        : `The customer asks for a person (recognised intent, confidence ${num(v.confidence)})`;
    case "failedInputs": {
      const threshold = bound(/>= (\d+)/);
      return fr
        ? `${num(v.failedInputs)} réponses non comprises d'affilée${v.nodeId ? ` à l'étape ${quote(v.nodeId)}` : ""}${threshold ? ` (seuil ${threshold})` : ""}`
        : `${num(v.failedInputs)} answers in a row not understood${v.nodeId ? ` at step ${quote(v.nodeId)}` : ""}${threshold ? ` (threshold ${threshold})` : ""}`;
    }
    case "lowConfidence": {
      const floor = bound(/< ([\d.]+)/);
      const nearest = v.intent
        ? fr
          ? `, intention la plus proche ${quote(v.intent)}`
          : `, nearest intent ${quote(v.intent)}`
        : "";
      return fr
        ? `Demande pas comprise avec assez de certitude : confiance ${num(v.confidence)}${floor ? ` < ${num(Number(floor))}` : ""}${nearest}`
        : `Request not understood with enough certainty: confidence ${num(v.confidence)}${floor ? ` < ${num(Number(floor))}` : ""}${nearest}`;
    }
    case "negativeSentiment": {
      const threshold = bound(/<= (-?[\d.]+)/);
      const limit = threshold ? ` <= ${num(Number(threshold))}` : "";
      return fr
        ? `Client mécontent (humeur ${num(v.sentiment)}${limit}) : ${quote(v.text)}`
        : `Unhappy customer (sentiment ${num(v.sentiment)}${limit}): ${quote(v.text)}`;
    }
    case "loop": {
      const max = bound(/> (\d+)/);
      return fr
        ? `La conversation tourne en rond : étape ${quote(v.nodeId)} vue ${num(v.visits)} fois${max ? ` (maximum ${max})` : ""}`
        : `The conversation goes round in circles: step ${quote(v.nodeId)} seen ${num(v.visits)} times${max ? ` (maximum ${max})` : ""}`;
    }
    case "node":
      if (reason.label) return reason.label;
      return fr
        ? `Le parcours passe la main à l'étape ${quote(reason.ruleId)}`
        : `The flow hands over at step ${quote(reason.ruleId)}`;
    case "error":
      return fr ? `Le parcours a rencontré une erreur : ${reason.detail}` : `The flow failed: ${reason.detail}`;
    default:
      return reason.label ?? reason.detail;
  }
}

/** `740` → `740`, `740.5` → `740,50` in French; anything else as text. */
export function formatNumber(value: unknown, lang: Lang): string {
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

/** `EUR` when the amount at `order.total` sits next to `order.currency`. */
function currencyNear(path: string, variables: Record<string, unknown>): string | undefined {
  const parent = path.split(".").slice(0, -1);
  if (parent.length === 0) return undefined;
  const currency = getPath(variables, [...parent, "currency"].join("."));
  return typeof currency === "string" && /^[A-Z]{3}$/.test(currency) ? currency : undefined;
}

/**
 * Reads the engine's value-rule detail back into comparisons: `a = 1 >= 2 and b = "x" = "y"`.
 * The engine writes each side with `JSON.stringify`, so JSON literals are scanned as such.
 * Undefined when the detail is in another form (a complex expression followed by its values).
 */
export function parseComparisons(detail: string): Comparison[] | undefined {
  const comparisons: Comparison[] = [];
  let rest = detail;
  let joiner: Comparison["joiner"];
  for (;;) {
    const head = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*) = /.exec(rest);
    if (!head?.[1]) return undefined;
    rest = rest.slice(head[0].length);
    const value = readJson(rest);
    if (!value) return undefined;
    rest = rest.slice(value.length);
    const op = /^ (!=|<=|>=|=|<|>|in) /.exec(rest);
    if (!op?.[1]) return undefined;
    rest = rest.slice(op[0].length);
    const literal = readJson(rest);
    if (!literal) return undefined;
    rest = rest.slice(literal.length);
    comparisons.push({ path: head[1], value: value.value, operator: op[1], literal: literal.value, joiner });
    if (rest === "") return comparisons;
    const next = /^ (and|or) /.exec(rest);
    if (!next) return undefined;
    joiner = next[1] as "and" | "or";
    rest = rest.slice(next[0].length);
  }
}

/** The JSON value at the start of `text` and how many characters it takes; `undefined` counts as a value. */
function readJson(text: string): { value: unknown; length: number } | undefined {
  if (text.startsWith("undefined")) return { value: undefined, length: 9 };
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") depth++;
    else if (char === "]" || char === "}") depth--;
    const atEnd = i + 1 === text.length || text[i + 1] === " ";
    if (!inString && depth === 0 && atEnd) {
      try {
        return { value: JSON.parse(text.slice(0, i + 1)) as unknown, length: i + 1 };
      } catch {
        // Not JSON up to this space (a bare word): keep scanning to the next candidate end.
      }
    }
  }
  return undefined;
}
