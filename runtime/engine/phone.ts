import {
  type CountryCode,
  findPhoneNumbersInText,
  isSupportedCountry,
  type NumberFound,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from "libphonenumber-js/max";

export const DEFAULT_PHONE_REGION = "FR";

/**
 * Regions dialled with the same national numbers as a region: from mainland France, `0692 12 34 56`
 * is a Réunion mobile and `0590…` a Guadeloupe line. A number that is no valid number of the
 * flow's region is tried in these, in order.
 */
const SAME_NATIONAL_PLAN: Record<string, CountryCode[]> = {
  FR: ["RE", "YT", "GP", "MQ", "GF", "BL", "MF", "PM"],
};

function regionsFor(region: string): CountryCode[] {
  if (!isSupportedCountry(region)) return [];
  return [region, ...(SAME_NATIONAL_PLAN[region] ?? [])];
}

/**
 * A phone number in E.164 form (`+33612345678`), or undefined when it is not a valid one
 * (libphonenumber-js, full metadata). `06 12 34 56 78` is read in `region`, then in the regions
 * sharing its national plan (`0692…` is Réunion's `+262692…`); `+44 20 7946 0958`, `0044…` and
 * `+33 (0)6…` keep their country; `+999…` is no country's.
 */
export function normalizePhone(answer: string, region: string = DEFAULT_PHONE_REGION): string | undefined {
  const text = answer.trim();
  if (!/^[+\d\s.\-()/\u00a0]+$/.test(text)) return undefined;
  const international = /^(\+|00)/.test(text);
  if (international) {
    const parsed = parsePhoneNumberFromString(text.replace(/^00/, "+"));
    return parsed?.isValid() ? parsed.number : undefined;
  }
  for (const candidate of regionsFor(region)) {
    const parsed = parsePhoneNumberFromString(text, candidate);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}

/**
 * libphonenumber-js reads `leniency` without typing it. "POSSIBLE" (the right length) lets a number
 * of a region sharing the national plan (a Réunion mobile written `0692…`) be found, then checked.
 */
const findPossibleNumbers = findPhoneNumbersInText as (
  text: string,
  options: { defaultCountry?: CountryCode; leniency: "POSSIBLE" },
) => NumberFound[];

/** A phone number found in a sentence: where it is, and its E.164 form. */
export interface FoundPhone {
  value: string;
  start: number;
  end: number;
}

/** Every valid phone number written inside a text ("c'est le 06 12 34 56 78 merci"), first first. */
export function findPhones(text: string, region: string = DEFAULT_PHONE_REGION): FoundPhone[] {
  const found: FoundPhone[] = [];
  // Most messages hold no digit, in any script: the matcher then has nothing to find, at a cost.
  if (!/\p{Nd}/u.test(text)) return found;
  const regions = regionsFor(region);
  for (const match of findPossibleNumbers(text, { defaultCountry: regions[0], leniency: "POSSIBLE" })) {
    const value = validIn(match.number, text.slice(match.startsAt, match.endsAt), regions);
    if (value) found.push({ value, start: match.startsAt, end: match.endsAt });
  }
  return found;
}

/** The number as written, valid in its own country or re-read in a region sharing the plan. */
function validIn(number: PhoneNumber, written: string, regions: CountryCode[]): string | undefined {
  if (number.isValid()) return number.number;
  if (/^\s*(\+|00)/.test(written)) return undefined;
  for (const candidate of regions.slice(1)) {
    const parsed = parsePhoneNumberFromString(written, candidate);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}
