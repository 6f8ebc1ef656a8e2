import { type CountryCode, getExampleNumber, isSupportedCountry } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import type { QuestionInput } from "../../schema/nodes/question.js";
import { DEFAULT_CURRENCY } from "./amounts.js";
import { DEFAULT_PHONE_REGION } from "./phone.js";

type Words = { fr: string; en: string };

/** A customer's language as one of those Relais speaks itself: English, or French for any other. */
const spoken = (language: string): keyof Words => (language.split("-")[0] === "en" ? "en" : "fr");

const format = (value: number, language: keyof Words, options?: Intl.NumberFormatOptions) =>
  new Intl.NumberFormat(language, options).format(value);

/** `between 1 and 10`, `of at least 1`, `of at most 10`, or nothing, in the customer's words. */
function bounds(language: keyof Words, min: number | undefined, max: number | undefined, unit = ""): string {
  const n = (value: number) => format(value, language);
  if (min !== undefined && max !== undefined)
    return (language === "fr" ? ` entre ${n(min)} et ${n(max)}` : ` between ${n(min)} and ${n(max)}`) + unit;
  if (min !== undefined) return (language === "fr" ? ` d'au moins ${n(min)}` : ` of at least ${n(min)}`) + unit;
  if (max !== undefined) return (language === "fr" ? ` d'au plus ${n(max)}` : ` of at most ${n(max)}`) + unit;
  return "";
}

/** A mobile number of `region` as its people write it (`06 12 34 56 78`), from libphonenumber's examples. */
function phoneExample(region: string): string | undefined {
  if (!isSupportedCountry(region)) return undefined;
  return getExampleNumber(region as CountryCode, examples)?.formatNational();
}

/**
 * What a question expects, said to a customer whose answer did not fit, when the flow gives no reprompt
 * of its own: asking the same words again left them guessing what was wrong.
 */
export function expectedAnswer(input: QuestionInput, language: string): string {
  const lang = spoken(language);
  const say = (words: Words) => words[lang];
  switch (input.kind) {
    case "text": {
      const min = input.minLength !== undefined && input.minLength > 1 ? input.minLength : undefined;
      const unit = lang === "fr" ? " caractères" : " characters";
      if (min === undefined && input.maxLength === undefined)
        return say({ fr: "Désolé, j'attends une réponse écrite.", en: "Sorry, I need a written answer." });
      return (
        say({ fr: "Désolé, j'attends une réponse", en: "Sorry, I need an answer" }) +
        `${bounds(lang, min, input.maxLength, unit)}.`
      );
    }
    case "number": {
      const kind = input.integer
        ? say({ fr: "Désolé, j'attends un nombre entier", en: "Sorry, I need a whole number" })
        : say({ fr: "Désolé, j'attends un nombre", en: "Sorry, I need a number" });
      return `${kind}${bounds(lang, input.min, input.max)}.`;
    }
    case "email":
      return say({
        fr: "Désolé, j'attends une adresse e-mail, par exemple nom@exemple.fr.",
        en: "Sorry, I need an email address, for example name@example.com.",
      });
    case "phone": {
      const example = phoneExample(input.region ?? DEFAULT_PHONE_REGION);
      const need = say({ fr: "Désolé, j'attends un numéro de téléphone", en: "Sorry, I need a phone number" });
      return example ? `${need}${say({ fr: ", par exemple ", en: ", for example " })}${example}.` : `${need}.`;
    }
    case "amount": {
      const example = format(45.5, lang, { style: "currency", currency: input.currency ?? DEFAULT_CURRENCY });
      return (
        say({ fr: "Désolé, j'attends un montant, par exemple ", en: "Sorry, I need an amount, for example " }) +
        `${example}.`
      );
    }
    case "date":
      return say({
        fr: "Désolé, j'attends une date (jour/mois/année).",
        en: "Sorry, I need a date (day/month/year).",
      });
    case "choice":
      return say({
        fr: "Désolé, merci de choisir l'une des réponses proposées.",
        en: "Sorry, please pick one of the answers offered.",
      });
    case "pattern":
      return input.example
        ? `${say({ fr: "Désolé, j'attends une réponse comme ", en: "Sorry, I need an answer like " })}${input.example}.`
        : say({
            fr: "Désolé, votre réponse n'a pas la forme attendue.",
            en: "Sorry, your answer is not in the expected form.",
          });
    default: {
      const unknown: never = input;
      throw new Error(`Unknown question kind ${JSON.stringify(unknown)}`);
    }
  }
}
