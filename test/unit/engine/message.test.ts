import { describe, expect, it } from "vitest";
import { Conversation, makeFlow } from "./harness.js";

const choices = [
  { id: "suivi", label: { fr: "Suivre ma commande", en: "Track my order" }, next: "track" },
  { id: "retour", label: { fr: "Retourner un article", en: "Return an item" }, next: "return" },
  { id: "autre", label: { fr: "Autre demande ({{ shop }})", en: "Something else" }, next: "other" },
];

function menu(withFallback: boolean) {
  return makeFlow([
    { id: "start", type: "start", next: "menu" },
    {
      id: "menu",
      type: "message",
      text: { fr: "Que souhaitez-vous faire ?", en: "What would you like to do?" },
      choices,
      ...(withFallback ? { fallback: "lost" } : {}),
    },
    { id: "track", type: "end", text: "suivi" },
    { id: "return", type: "end", text: "retour" },
    { id: "other", type: "end", text: "autre" },
    { id: "lost", type: "end", text: "perdu" },
  ]);
}

async function atMenu(withFallback = false) {
  const conversation = new Conversation(menu(withFallback));
  await conversation.start({ shop: "Lyon" });
  return conversation;
}

describe("message with choices", () => {
  it("sends its buttons in the conversation's language and waits", async () => {
    const conversation = await atMenu();
    expect(conversation.last.outputs).toEqual([
      {
        nodeId: "menu",
        text: "Que souhaitez-vous faire ?",
        choices: [
          { id: "suivi", label: "Suivre ma commande" },
          { id: "retour", label: "Retourner un article" },
          { id: "autre", label: "Autre demande (Lyon)" },
        ],
      },
    ]);
    expect(conversation.last.status).toEqual({ type: "wait", nodeId: "menu" });
  });

  it.each([
    ["a tapped button", { type: "choice", choiceId: "retour" }, "retour"],
    ["its label, accents and case aside", { type: "text", text: "  RETOURNER un árticle " }, "retour"],
    ["its label in another language", { type: "text", text: "track my order" }, "suivi"],
    ["a label with a template", { type: "text", text: "autre demande (lyon)" }, "autre"],
    ["its number", { type: "text", text: "2" }, "retour"],
    ["its number with a dot", { type: "text", text: "3." }, "autre"],
    ["its id typed", { type: "text", text: "suivi" }, "suivi"],
    ["a word of its label", { type: "text", text: "Retourner" }, "retour"],
    ["the words of its label among fillers", { type: "text", text: "suivre la commande svp" }, "suivi"],
    ["the start of a word of its label", { type: "text", text: "retou" }, "retour"],
    ["a word of its label in another language", { type: "text", text: "return please" }, "retour"],
  ] as const)("matches %s", async (_, input, expected) => {
    const conversation = await atMenu();
    await conversation.send(input);
    expect(conversation.texts).toEqual([expected]);
    expect(conversation.last.events).toContainEqual({
      type: "input",
      flowId: "test-flow",
      nodeId: "menu",
      valid: true,
      ...(input.type === "choice" ? { tapped: "Retourner un article" } : {}),
    });
  });

  it("says what a tapped button read, in the conversation's language, its variables filled", async () => {
    const conversation = new Conversation(menu(false));
    await conversation.start({ shop: "Lyon" }, "en");
    await conversation.tap("retour");
    expect(conversation.last.events).toContainEqual(
      expect.objectContaining({ type: "input", tapped: "Return an item" }),
    );
    const french = await atMenu();
    await french.tap("autre");
    expect(french.last.events).toContainEqual(
      expect.objectContaining({ type: "input", tapped: "Autre demande (Lyon)" }),
    );
  });

  it.each([
    ["a sentence with words of no label", "je veux retourner ma commande"],
    ["fillers only", "la mienne svp"],
    ["words naming two choices", "suivre ou retourner"],
  ])("takes no choice from %s: it goes to `fallback`", async (_, text) => {
    const conversation = await atMenu(true);
    await conversation.say(text);
    expect(conversation.texts).toEqual(["perdu"]);
  });

  it("sends the message again on an answer that matches nothing, counting a failed input", async () => {
    const conversation = await atMenu();
    const result = await conversation.say("je ne sais pas");
    expect(result.status).toEqual({ type: "wait", nodeId: "menu" });
    expect(conversation.texts).toEqual(["Que souhaitez-vous faire ?"]);
    expect(result.outputs[0]?.choices).toHaveLength(3);
    expect(result.state.failedInputs).toBe(1);
    expect(result.events).toEqual([{ type: "input", flowId: "test-flow", nodeId: "menu", valid: false }]);
    await conversation.say("7");
    expect(conversation.state?.failedInputs).toBe(2);
    await conversation.tap("inconnu");
    expect(conversation.state?.failedInputs).toBe(3);
    await conversation.say("1");
    expect(conversation.texts).toEqual(["suivi"]);
    expect(conversation.state?.failedInputs).toBe(0);
  });

  it("goes to `fallback` on an answer that matches nothing when it has one", async () => {
    const conversation = await atMenu(true);
    await conversation.say("autre chose");
    expect(conversation.texts).toEqual(["perdu"]);
    expect(conversation.state?.failedInputs).toBe(1);
  });

  it("goes straight on without choices", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "a" },
      { id: "a", type: "message", text: "un", next: "b" },
      { id: "b", type: "message", text: "deux", next: "c" },
      { id: "c", type: "end" },
    ]);
    const conversation = new Conversation(flow);
    await conversation.start();
    expect(conversation.texts).toEqual(["un", "deux"]);
  });
});
