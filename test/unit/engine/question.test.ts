import { describe, expect, it } from "vitest";
import type { Flow } from "../../../schema/index.js";
import { Conversation, makeFlow } from "./harness.js";

type Question = Extract<Flow["nodes"][number], { type: "question" }>;

function ask(input: Question["input"], extra: Partial<Question> = {}) {
  return makeFlow([
    { id: "start", type: "start", next: "ask" },
    { id: "ask", type: "question", text: "Votre réponse ?", input, saveAs: "answer", next: "done", ...extra },
    { id: "done", type: "end", text: "ok" },
    { id: "give-up", type: "end", text: "abandon" },
  ]);
}

async function answer(input: Question["input"], text: string) {
  const conversation = new Conversation(ask(input));
  await conversation.start();
  const result = await conversation.say(text);
  return { conversation, result, valid: result.status.type === "end" };
}

describe("question kinds", () => {
  it.each([
    [{ kind: "text" }, "  Jean Dupont  ", "Jean Dupont"],
    [{ kind: "text", minLength: 3, maxLength: 5 }, "abc", "abc"],
    [{ kind: "text", maxLength: 2 }, "🙂🙂", "🙂🙂"],
    [{ kind: "number" }, "42", 42],
    [{ kind: "number" }, "12,5", 12.5],
    [{ kind: "number" }, "1 250,50", 1250.5],
    [{ kind: "number" }, "-3", -3],
    [{ kind: "number", integer: true, min: 1, max: 10 }, "10", 10],
    [{ kind: "email" }, " Jean.Dupont@Example.FR ", "Jean.Dupont@example.fr"],
    [{ kind: "phone" }, "06 12 34 56 78", "+33612345678"],
    [{ kind: "phone" }, "+44 20 7946 0958", "+442079460958"],
    [{ kind: "phone" }, "0692 12 34 56", "+262692123456"],
    [{ kind: "phone", region: "BE" }, "0470 12 34 56", "+32470123456"],
    [{ kind: "date" }, "31/12/2026", "2026-12-31"],
    [{ kind: "date" }, "1/2/2026", "2026-02-01"],
    [{ kind: "date" }, "2028-02-29", "2028-02-29"],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}" }, " cmd-123456 ", "cmd-123456"],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}", caseSensitive: true }, "CMD-123456", "CMD-123456"],
    // The value inside a sentence, as customers write it.
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}" }, "c'est la CMD-100001 je crois", "CMD-100001"],
    [{ kind: "email" }, "mon mail : camille.martin@Example.fr.", "camille.martin@example.fr"],
    [{ kind: "phone" }, "vous pouvez me joindre au 06 12 34 56 78 merci", "+33612345678"],
    [{ kind: "date" }, "demain", "2026-03-15"],
    [{ kind: "date" }, "le 12/03", "2026-03-12"],
    [{ kind: "date" }, "je passe lundi prochain", "2026-03-16"],
    [{ kind: "number" }, "c'est la 4521", 4521],
    [{ kind: "number", integer: true, min: 1, max: 10 }, "j'en voudrais 3 s'il vous plaît", 3],
    [{ kind: "number" }, "environ 12,5 kg.", 12.5],
    [{ kind: "amount" }, "300 €", { value: 300, currency: "EUR" }],
    [{ kind: "amount" }, "45,50", { value: 45.5, currency: "EUR" }],
    [{ kind: "amount", currency: "USD" }, "45.50", { value: 45.5, currency: "USD" }],
    [{ kind: "amount", currency: "USD" }, "on m'a débité 45,50 EUR", { value: 45.5, currency: "EUR" }],
    [{ kind: "amount" }, "I was charged $45.50", { value: 45.5, currency: "USD" }],
  ] as [Question["input"], string, unknown][])("%j accepts %j as %j", async (input, text, saved) => {
    const { conversation, result, valid } = await answer(input, text);
    expect(valid).toBe(true);
    expect(conversation.variables.answer).toEqual(saved);
    expect(result.events).toContainEqual({ type: "input", flowId: "test-flow", nodeId: "ask", valid: true });
  });

  it.each([
    [{ kind: "text" }, "   "],
    [{ kind: "text", minLength: 3 }, "ab"],
    [{ kind: "text", maxLength: 5 }, "abcdef"],
    [{ kind: "number" }, "douze"],
    [{ kind: "number" }, "12abc"],
    [{ kind: "number", integer: true }, "2,5"],
    [{ kind: "number", min: 1 }, "0"],
    [{ kind: "number", max: 10 }, "10,01"],
    // Two numbers in a sentence say nothing sure; a number inside a reference, a date or a time is none.
    [{ kind: "number" }, "2 colis de 3 kg"],
    [{ kind: "number" }, "la CMD-100001"],
    [{ kind: "number" }, "le 12/05 à 14h30"],
    [{ kind: "number", max: 10 }, "j'en voudrais 30"],
    [{ kind: "email" }, "jean@"],
    [{ kind: "email" }, "jean dupont@example"],
    [{ kind: "email" }, "jean@example"],
    [{ kind: "phone" }, "12 34"],
    [{ kind: "phone" }, "+999 12345678"],
    [{ kind: "phone" }, "06 12 34 56 7"],
    [{ kind: "phone" }, "mon numéro"],
    [{ kind: "date" }, "31/02/2026"],
    [{ kind: "date" }, "2026-13-01"],
    [{ kind: "date" }, "29/02/2027"],
    [{ kind: "date" }, "un de ces jours"],
    [{ kind: "amount" }, "beaucoup"],
    [{ kind: "amount" }, "3 pommes"],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}" }, "CMD-12345"],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}" }, "ma commande CMD-1234567"],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}" }, "ma commande XCMD-123456"],
    [{ kind: "pattern", pattern: "CMD-[0-9]{6}", caseSensitive: true }, "cmd-123456"],
  ] as [Question["input"], string][])("%j rejects %j", async (input, text) => {
    const { conversation, result, valid } = await answer(input, text);
    expect(valid).toBe(false);
    expect(result.status).toEqual({ type: "wait", nodeId: "ask" });
    expect(conversation.variables).toEqual({});
    expect(result.state.attempts).toBe(1);
    expect(result.state.failedInputs).toBe(1);
    expect(result.events).toEqual([{ type: "input", flowId: "test-flow", nodeId: "ask", valid: false }]);
  });

  it("rejects a button tap at a question that expects text", async () => {
    const conversation = new Conversation(ask({ kind: "text" }));
    await conversation.start();
    const result = await conversation.tap("oui");
    expect(result.status).toEqual({ type: "wait", nodeId: "ask" });
  });
});

describe("choice questions", () => {
  const flow = makeFlow([
    { id: "start", type: "start", next: "ask" },
    {
      id: "ask",
      type: "question",
      text: "Satisfait ?",
      input: {
        kind: "choice",
        choices: [
          { id: "oui", label: { fr: "Oui", en: "Yes" }, value: true },
          { id: "non", label: { fr: "Non", en: "No" }, value: false, next: "sorry" },
          { id: "bof", label: "Bof" },
        ],
      },
      saveAs: "feedback.happy",
      next: "thanks",
    },
    { id: "thanks", type: "end", text: "merci" },
    { id: "sorry", type: "end", text: "désolé" },
  ]);

  it("shows the choices and saves the value at a nested path, going to the choice's `next`", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    expect(conversation.last.outputs[0]?.choices).toEqual([
      { id: "oui", label: "Oui" },
      { id: "non", label: "Non" },
      { id: "bof", label: "Bof" },
    ]);
    await conversation.tap("non");
    expect(conversation.variables).toEqual({ feedback: { happy: false } });
    expect(conversation.texts).toEqual(["désolé"]);
  });

  it.each([
    ["yes", true, "merci"],
    ["1", true, "merci"],
    ["BOF", "bof", "merci"],
    ["non", false, "désolé"],
  ])("reads %j as %j", async (text, saved, reply) => {
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say(text);
    expect(conversation.variables).toEqual({ feedback: { happy: saved } });
    expect(conversation.texts).toEqual([reply]);
  });

  it("re-asks with the buttons on an unknown answer", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    const result = await conversation.say("peut-être");
    expect(result.outputs).toEqual([
      {
        nodeId: "ask",
        text: "Désolé, merci de choisir l'une des réponses proposées.\nSatisfait ?",
        choices: [
          { id: "oui", label: "Oui" },
          { id: "non", label: "Non" },
          { id: "bof", label: "Bof" },
        ],
      },
    ]);
  });
});

describe("a choice named in the customer's words", () => {
  const flow = ask({
    kind: "choice",
    choices: [
      { id: "email", label: { fr: "Mon e-mail", en: "My email" } },
      { id: "phone", label: { fr: "Mon téléphone", en: "My phone" } },
      { id: "number", label: { fr: "Mon n° client", en: "My customer no." } },
    ],
  });

  it.each([
    ["téléphone", "phone"],
    ["par mail", "email"],
    ["e-mail", "email"],
    ["numéro client", "number"],
    ["Mon numéro de client", "number"],
    ["tel", "phone"],
    ["my phone please", "phone"],
    ["customer number", "number"],
  ])("reads %j as %j", async (text, saved) => {
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say(text);
    expect(conversation.variables).toEqual({ answer: saved });
  });

  it.each([
    ["a sentence about something else", "je ne sais pas quoi vous donner"],
    ["words of two choices", "mail ou téléphone"],
    ["fillers only", "le mien svp"],
  ])("asks again on %s", async (_, text) => {
    const conversation = new Conversation(flow);
    await conversation.start();
    const result = await conversation.say(text);
    expect(result.status).toEqual({ type: "wait", nodeId: "ask" });
    expect(conversation.variables).toEqual({});
  });
});

describe("attempts", () => {
  const flow = ask(
    { kind: "email" },
    { reprompt: "Une adresse e-mail valide, svp.", maxAttempts: 3, onMaxAttempts: "give-up" },
  );

  it("reprompts until `maxAttempts`, then goes to `onMaxAttempts`", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("non");
    expect(conversation.texts).toEqual(["Une adresse e-mail valide, svp."]);
    await conversation.say("toujours pas");
    expect(conversation.state?.attempts).toBe(2);
    await conversation.say("jamais");
    expect(conversation.texts).toEqual(["abandon"]);
    expect(conversation.state?.failedInputs).toBe(3);
  });

  it("resets attempts and failed inputs on a valid answer", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("non");
    await conversation.say("a@b.fr");
    expect(conversation.texts).toEqual(["ok"]);
    expect(conversation.state?.attempts).toBe(0);
    expect(conversation.state?.failedInputs).toBe(0);
  });

  it("asks the question again, saying what it expects, when there is no reprompt and no maximum", async () => {
    const conversation = new Conversation(ask({ kind: "number", integer: true, min: 1, max: 10 }));
    await conversation.start();
    for (let i = 0; i < 5; i++) await conversation.say("beaucoup");
    expect(conversation.texts).toEqual(["Désolé, j'attends un nombre entier entre 1 et 10.\nVotre réponse ?"]);
    expect(conversation.state?.attempts).toBe(5);
  });

  it("says what it expects in the customer's language", async () => {
    const flow = ask({ kind: "email" }, { text: { fr: "Votre e-mail ?", en: "Your email?" } });
    const conversation = new Conversation(flow);
    await conversation.start(undefined, "en");
    await conversation.say("I am not sure which one");
    expect(conversation.texts).toEqual(["Sorry, I need an email address, for example name@example.com.\nYour email?"]);
  });
});
