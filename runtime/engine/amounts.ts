/** Amounts of money as customers write them: `300 €`, `300 euros`, `€300`, `$45.50`, `45,50 EUR`, `1 250,50 €`, `45€50`. */

export interface Amount {
  value: number;
  /** ISO 4217 code: `EUR`, `USD`… */
  currency: string;
}

/** The currencies read, each with the ways people write it, longest first where one begins another. */
const CURRENCY_WORDS: readonly (readonly [string, string])[] = [
  ["dollars canadiens", "CAD"],
  ["dollar canadien", "CAD"],
  ["canadian dollars", "CAD"],
  ["canadian dollar", "CAD"],
  ["francs suisses", "CHF"],
  ["franc suisse", "CHF"],
  ["swiss francs", "CHF"],
  ["livres sterling", "GBP"],
  ["livre sterling", "GBP"],
  ["dollars", "USD"],
  ["dollar", "USD"],
  ["euros", "EUR"],
  ["euro", "EUR"],
  ["pounds", "GBP"],
  ["pound", "GBP"],
  ["livres", "GBP"],
  ["livre", "GBP"],
  ["eur", "EUR"],
  ["usd", "USD"],
  ["gbp", "GBP"],
  ["chf", "CHF"],
  ["cad", "CAD"],
];
const CURRENCY_SIGNS: readonly (readonly [string, string])[] = [
  ["us$", "USD"],
  ["ca$", "CAD"],
  ["$ca", "CAD"],
  ["€", "EUR"],
  ["$", "USD"],
  ["£", "GBP"],
];

/** The currencies an amount question can take for a bare number, the first by default. */
export const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "CAD"] as const;
export const DEFAULT_CURRENCY = CURRENCIES[0];

const escapeRegex = (text: string) => text.replace(/[$.*+?^()[\]{}|\\]/g, "\\$&");
const CURRENCY = [
  ...CURRENCY_SIGNS.map(([sign]) => escapeRegex(sign)),
  ...CURRENCY_WORDS.map(([word]) => `${escapeRegex(word).replace(/ /g, "\\s+")}(?![\\p{L}\\p{N}])`),
].join("|");
/** `1 250,50`, `1.250,50`, `1,250.50` (groups of three), or `300`, `45,5`, `45.50`. */
const NUMBER = "[1-9]\\d{0,2}(?:[ \\u00a0\\u202f.,']\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
const AMOUNT = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(?:(?<before>${CURRENCY})\\s?(?<first>${NUMBER})(?![\\p{N}])|(?<second>${NUMBER})\\s?(?<after>${CURRENCY})(?<cents>\\d{2}(?!\\p{N}))?)`,
  "giu",
);

function currencyOf(written: string): string | undefined {
  const folded = written.toLowerCase().replace(/\s+/g, " ");
  return [...CURRENCY_SIGNS, ...CURRENCY_WORDS].find(([form]) => form === folded)?.[1];
}

/** The value of a number as written: a separator followed by one or two digits at the end is the decimal one. */
function numberOf(written: string, cents: string | undefined): number {
  const [, whole = "", decimals] = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(written) ?? [];
  const value = Number(`${whole.replace(/\D/g, "")}.${decimals ?? cents ?? "0"}`);
  return Math.round(value * 100) / 100;
}

/** Every amount with its currency written in a text, first first. */
export function findAmounts(text: string): Amount[] {
  const found: Amount[] = [];
  for (const match of text.slice(0, 1000).matchAll(AMOUNT)) {
    const groups = match.groups ?? {};
    const currency = currencyOf(groups.before ?? groups.after ?? "");
    const number = groups.first ?? groups.second;
    if (currency && number !== undefined) found.push({ value: numberOf(number, groups.cents), currency });
  }
  return found;
}

/** The first amount with its currency written in a text. */
export const findAmount = (text: string): Amount | undefined => findAmounts(text)[0];

/** An ISO 4217 code as an amount holds it beside its value: `EUR`. */
export const isCurrencyCode = (value: unknown): value is string =>
  typeof value === "string" && /^[A-Z]{3}$/.test(value);
