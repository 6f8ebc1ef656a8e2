import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DEFAULT_PHONE_REGION, findPhones } from "../engine/phone.js";
import { type SearchTerm, searchWords } from "../store/full-text.js";

/** At most this many terms in a query, as there were words before phone numbers were read in it. */
const MAX_TERMS = 20;

/**
 * Eight digits or more with a few separators at most between two of them (`06 98 76 54 32`,
 * `+33 (0)6…`, `0033698765432`): libphonenumber's matcher costs some 40 µs a line, and only a line
 * holding such a run may hold a number; most of a transcript holds none.
 */
const PHONE_LIKE = /\d(?:[\s.\-()]{0,3}\d){7}/;

/**
 * The forms a number is indexed and searched in: E.164, and the digits of its national form. The
 * national digits find a number of another country typed as its own people dial it: `0470 12 34 56`,
 * a Belgian mobile, reads as a French landline in E.164, but its digits are the Belgian number's.
 */
function forms(e164: string): string[] {
  const national = parsePhoneNumberFromString(e164)?.formatNational().replace(/\D/g, "");
  return national ? [e164, national] : [e164];
}

/**
 * The forms of every phone number written in a document's text, each once, to be indexed with it: the
 * full-text tokenizers split `06 98 76 54 32` into five words and keep `+33698765432` whole, so that
 * neither is found by the other. National numbers are read in {@link DEFAULT_PHONE_REGION}.
 */
export function phoneForms(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.split("\n")) {
    if (!PHONE_LIKE.test(line)) continue;
    for (const phone of findPhones(line, DEFAULT_PHONE_REGION)) for (const form of forms(phone.value)) found.add(form);
  }
  return [...found];
}

/**
 * What a query looks for: each phone number written in it (`06 98 76 54 32` is one, not five words) in
 * its forms or as typed, then every other word. As typed, because a run of digits that reads as a valid
 * number may be none (an order number `123456789` is a Paris line), and must still be found as it is.
 */
export function searchTerms(query: string): SearchTerm[] {
  const phones = PHONE_LIKE.test(query) ? findPhones(query, DEFAULT_PHONE_REGION) : [];
  const terms: SearchTerm[] = [];
  let rest = "";
  let at = 0;
  for (const phone of phones) {
    const typed = searchWords(query.slice(phone.start, phone.end));
    const alternatives = forms(phone.value).map((form) => [form]);
    if (!alternatives.some((form) => typed.length === 1 && form[0] === typed[0])) alternatives.push(typed);
    terms.push(alternatives);
    rest += `${query.slice(at, phone.start)} `;
    at = phone.end;
  }
  rest += query.slice(at);
  return [...terms, ...searchWords(rest).map((word) => [[word]])].slice(0, MAX_TERMS);
}
