import { describe, expect, it } from "vitest";
import { Conversation, makeFlow } from "./harness.js";

const policy = {
  defaultQueue: "support",
  rules: [{ id: "person", kind: "humanRequest" as const, queue: "support", priority: "normal" as const }],
};

const triage = makeFlow(
  [
    { id: "start", type: "start", next: "hello" },
    { id: "hello", type: "message", text: "Bonjour !", next: "what" },
    {
      id: "what",
      type: "intent",
      text: "Que puis-je faire pour vous ?",
      intents: [{ id: "order_status", examples: { fr: ["où est ma commande"] }, next: "status" }],
      fallback: "what",
    },
    { id: "status", type: "end", text: "suivi" },
  ],
  { escalation: policy },
);

const asking = makeFlow(
  [
    { id: "start", type: "start", next: "email" },
    { id: "email", type: "question", text: "Votre e-mail ?", input: { kind: "email" }, saveAs: "email", next: "bye" },
    { id: "bye", type: "end" },
  ],
  { escalation: policy, variables: { email: { type: "string" } } },
);

describe("the opening message", () => {
  it("is read by the first intent node the flow waits at, which does not ask what it was just told", async () => {
    const conversation = new Conversation(triage);
    const result = await conversation.send({ type: "start", text: "Bonjour, où est ma commande ?" });
    expect(conversation.texts).toEqual(["Bonjour !", "suivi"]);
    expect(result.status).toEqual({ type: "end" });
    expect(result.state.openingText).toBeUndefined();
  });

  it("leaves the intent node waiting, with no failed answer, when it says nothing it recognises", async () => {
    const conversation = new Conversation(triage);
    const result = await conversation.send({ type: "start", text: "Bonjour" });
    expect(result.status).toEqual({ type: "wait", nodeId: "what" });
    expect(conversation.texts).toEqual(["Bonjour !", "Que puis-je faire pour vous ?"]);
    expect(result.state.failedInputs).toBe(0);
    await conversation.say("où est ma commande");
    expect(conversation.texts).toEqual(["suivi"]);
  });

  it("is not taken as the answer to a question, which is asked as usual", async () => {
    const conversation = new Conversation(asking);
    const result = await conversation.send({ type: "start", text: "Bonjour" });
    expect(result.status).toEqual({ type: "wait", nodeId: "email" });
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
    expect(result.state.failedInputs).toBe(0);
    expect(result.state.openingText).toBeUndefined();
    await conversation.say("lea@example.fr");
    expect(conversation.variables).toEqual({ email: "lea@example.fr" });
  });

  it("hands off at once when it asks for a person, whatever the first node", async () => {
    const conversation = new Conversation(asking);
    const result = await conversation.send({ type: "start", text: "Je veux parler à un conseiller" });
    expect(result.status).toMatchObject({ type: "handoff", handoff: { reason: { ruleId: "person" } } });
    // The question it will never get an answer to is not asked.
    expect(conversation.texts).not.toContain("Votre e-mail ?");
  });

  it("is ignored when blank", async () => {
    const conversation = new Conversation(triage);
    const result = await conversation.send({ type: "start", text: "   " });
    expect(result.status).toEqual({ type: "wait", nodeId: "what" });
  });
});
