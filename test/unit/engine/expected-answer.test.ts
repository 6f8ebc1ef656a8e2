import { describe, expect, it } from "vitest";
import { expectedAnswer } from "../../../runtime/engine/expected-answer.js";
import type { QuestionInput } from "../../../schema/nodes/question.js";

describe("what a question expects, in the customer's words", () => {
  it.each([
    [{ kind: "text" }, "fr", "Désolé, j'attends une réponse écrite."],
    [{ kind: "text", minLength: 1 }, "en", "Sorry, I need a written answer."],
    [{ kind: "text", minLength: 3, maxLength: 5 }, "fr", "Désolé, j'attends une réponse entre 3 et 5 caractères."],
    [{ kind: "text", maxLength: 200 }, "fr", "Désolé, j'attends une réponse d'au plus 200 caractères."],
    [{ kind: "text", minLength: 10 }, "en", "Sorry, I need an answer of at least 10 characters."],
    [{ kind: "number" }, "fr", "Désolé, j'attends un nombre."],
    [{ kind: "number", integer: true, min: 1, max: 10 }, "fr", "Désolé, j'attends un nombre entier entre 1 et 10."],
    [{ kind: "number", min: 0.5 }, "fr", "Désolé, j'attends un nombre d'au moins 0,5."],
    [{ kind: "number", max: 2500 }, "en", "Sorry, I need a number of at most 2,500."],
    [{ kind: "email" }, "fr-CA", "Désolé, j'attends une adresse e-mail, par exemple nom@exemple.fr."],
    [{ kind: "email" }, "en-GB", "Sorry, I need an email address, for example name@example.com."],
    [{ kind: "phone" }, "fr", "Désolé, j'attends un numéro de téléphone, par exemple 06 12 34 56 78."],
    [{ kind: "phone", region: "BE" }, "fr", "Désolé, j'attends un numéro de téléphone, par exemple 0450 00 12 34."],
    [{ kind: "phone", region: "GB" }, "en", "Sorry, I need a phone number, for example 07400 123456."],
    [{ kind: "amount" }, "fr", "Désolé, j'attends un montant, par exemple 45,50 €."],
    [{ kind: "amount", currency: "USD" }, "en", "Sorry, I need an amount, for example $45.50."],
    [{ kind: "date" }, "fr", "Désolé, j'attends une date (jour/mois/année)."],
    [{ kind: "date" }, "en-US", "Sorry, I need a date (day/month/year)."],
    [
      { kind: "choice", choices: [{ id: "a", label: "A" }] },
      "fr",
      "Désolé, merci de choisir l'une des réponses proposées.",
    ],
    [
      { kind: "pattern", pattern: "CMD-[0-9]{6}", example: "CMD-123456" },
      "fr",
      "Désolé, j'attends une réponse comme CMD-123456.",
    ],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}" }, "en", "Sorry, your answer is not in the expected form."],
    // Relais speaks French and English itself; a flow's other languages get French, as its other defaults.
    [{ kind: "number" }, "es", "Désolé, j'attends un nombre."],
  ] as [QuestionInput, string, string][])("%j in %s: %s", (input, language, words) => {
    expect(expectedAnswer(input, language).replace(/\u202f|\u00a0/g, " ")).toBe(words);
  });
});
