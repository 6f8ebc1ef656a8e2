import { describe, expect, it } from "vitest";
import { guessLanguage } from "../../../runtime/nlu/language.js";
import { Conversation, makeDeps } from "../engine/harness.js";
import { shippedFlow } from "./shipped.js";

const triage = shippedFlow("triage");
const withDetection = () => makeDeps({ detectLanguage: guessLanguage });

describe("guessLanguage", () => {
  it.each([
    ["Hello, where is my order?", "en"],
    ["je ne veux plus de cette commande", "fr"],
    ["c'est la CMD-100001 je crois", "fr"],
    ["I still have not received my parcel", "en"],
  ])("%j is %s, surely", (text, language) => {
    const guess = guessLanguage(text, ["fr", "en"]);
    expect(guess?.language).toBe(language);
    expect(guess?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it.each([["bof"], ["ok"], ["camille.martin@example.fr"], ["CMD-100001"], [""], ["🙂🙂"]])(
    "cannot tell from %j",
    (text) => {
      expect(guessLanguage(text, ["fr", "en"])).toBeUndefined();
    },
  );

  it.each([
    ["Hello", "en"],
    ["Hi!", "en"],
    ["Bonsoir", "fr"],
    ["salut", "fr"],
  ])("a greeting alone, %j, is likely %s but not sure", (text, language) => {
    expect(guessLanguage(text, ["fr", "en"])).toEqual({ language, confidence: 0.7 });
  });

  it("a lone yes or no is not enough to change language", () => {
    expect(guessLanguage("yes", ["fr", "en"])?.confidence).toBeLessThan(0.7);
    expect(guessLanguage("non", ["fr", "en"])?.confidence).toBeLessThan(0.7);
  });

  it("only answers among the flow's languages, and not at all for a flow in one language", () => {
    expect(guessLanguage("Hello, where is my order?", ["fr"])).toBeUndefined();
    expect(guessLanguage("Hello, where is my order?", ["fr", "en-GB"])?.language).toBe("en-GB");
  });
});

describe("a conversation's language", () => {
  it("answers in English to a customer who opens in English, with no hint", async () => {
    const conversation = new Conversation(triage, withDetection());
    await conversation.send({ type: "start", text: "Hello, where is my order?" });
    expect(conversation.texts[0]).toMatch(/^Hello! I am the customer service assistant/);
    expect(conversation.state?.language).toBe("en");
    expect(conversation.state?.languageFrom).toEqual({ source: "detected", confidence: 0.9, sure: true });
  });

  it("follows the first answers when the opening said nothing, then sticks once sure", async () => {
    const conversation = new Conversation(triage, withDetection());
    await conversation.send({ type: "start", text: "Bonjour" });
    expect(conversation.state?.language).toBe("fr");
    await conversation.say("I want to talk about my invoice please");
    expect(conversation.state?.language).toBe("en");
    expect(conversation.texts.at(-1)).toBe("A billing agent will take over.");
  });

  it("answers a lone Hello in English, and follows the customer back to French", async () => {
    const conversation = new Conversation(triage, withDetection());
    await conversation.send({ type: "start", text: "Hello" });
    expect(conversation.state?.language).toBe("en");
    expect(conversation.texts[0]).toMatch(/^Hello! I am the customer service assistant/);
    await conversation.say("je voudrais parler de ma facture");
    expect(conversation.state?.language).toBe("fr");
  });

  it("keeps a sure language when the customer later writes a French word or two", async () => {
    const conversation = new Conversation(triage, withDetection());
    await conversation.send({ type: "start", text: "Hello, is this the right place?" });
    expect(conversation.state?.languageFrom?.sure).toBe(true);
    await conversation.say("je ne sais pas du tout ce que je veux");
    expect(conversation.state?.language).toBe("en");
    expect(conversation.texts.at(-1)).toBe("How can I help you?");
  });

  it("takes the channel's hint, which only a sure detection overrides", async () => {
    const hinted = new Conversation(triage, withDetection());
    await hinted.send({ type: "start", language: "en-GB", text: "mon colis" });
    expect(hinted.state?.language).toBe("en");
    expect(hinted.state?.languageFrom).toEqual({ source: "hint" });
    const overridden = new Conversation(triage, withDetection());
    await overridden.send({ type: "start", language: "fr", text: "Hello, where is my order?" });
    expect(overridden.state?.language).toBe("en");
  });

  it("stays in the flow's default language when nothing tells", async () => {
    const conversation = new Conversation(triage, withDetection());
    await conversation.send({ type: "start", text: "CMD-100001" });
    expect(conversation.state?.language).toBe("fr");
    expect(conversation.state?.languageFrom).toEqual({ source: "default" });
    // A hint in a language the flow does not speak is no hint.
    const german = new Conversation(triage, withDetection());
    await german.send({ type: "start", language: "de", text: "ok" });
    expect(german.state?.language).toBe("fr");
  });

  it("says the system's words in the conversation's language: the escalation text", async () => {
    const conversation = new Conversation(triage, withDetection());
    await conversation.send({ type: "start", text: "Hello, I want to talk to a human please" });
    expect(conversation.last.status.type).toBe("handoff");
    expect(conversation.texts.at(-1)).toBe("I'm connecting you with an agent, who will see everything you told me.");
  });
});
