import { describe, expect, it } from "vitest";
import type { Classification, IntentCandidate } from "../../../runtime/engine/index.js";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

const flow = makeFlow([
  { id: "start", type: "start", next: "what" },
  {
    id: "what",
    type: "intent",
    text: { fr: "Que puis-je faire pour vous ?", en: "How can I help?" },
    intents: [
      {
        id: "order_status",
        examples: { fr: ["où est ma commande", "suivi de commande"], en: ["where is my order", "track my order"] },
        next: "status",
      },
      { id: "refund", examples: { fr: ["je veux être remboursé", "remboursement"] }, next: "refund" },
    ],
    confidenceFloor: 0.6,
    saveAs: "request.intent",
    fallback: "unknown",
  },
  { id: "status", type: "end", text: "suivi" },
  { id: "refund", type: "end", text: "remboursement" },
  { id: "unknown", type: "end", text: "pas compris" },
]);

describe("intent node", () => {
  it("asks, waits, and routes a recognised intent, saving it with its confidence", async () => {
    const conversation = new Conversation(flow);
    const started = await conversation.start();
    expect(started.status).toEqual({ type: "wait", nodeId: "what" });
    expect(conversation.texts).toEqual(["Que puis-je faire pour vous ?"]);
    const result = await conversation.say("Bonjour, où est ma commande ?");
    expect(conversation.texts).toEqual(["suivi"]);
    expect(conversation.variables).toEqual({ request: { intent: { id: "order_status", confidence: 1 } } });
    expect(result.events).toContainEqual({
      type: "intent",
      flowId: "test-flow",
      nodeId: "what",
      intent: "order_status",
      confidence: 1,
    });
    expect(result.events).toContainEqual({ type: "input", flowId: "test-flow", nodeId: "what", valid: true });
  });

  it("goes to `fallback` below the confidence floor, counting a failed input", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    const result = await conversation.say("quel temps fait-il à Lyon");
    expect(conversation.texts).toEqual(["pas compris"]);
    expect(result.state.failedInputs).toBe(1);
    expect(result.events).toContainEqual({ type: "input", flowId: "test-flow", nodeId: "what", valid: false });
  });

  it("gives the classifier the examples of the conversation's language, or all of an intent's when it has none", async () => {
    const calls: { text: string; intents: readonly IntentCandidate[]; language: string }[] = [];
    const deps = makeDeps({
      classify: (text, intents, language): Classification[] => {
        calls.push({ text, intents, language });
        return [{ intent: "refund", confidence: 0.9 }];
      },
    });
    const conversation = new Conversation(flow, deps);
    await conversation.start(undefined, "en");
    await conversation.say("money back");
    expect(calls).toEqual([
      {
        text: "money back",
        language: "en",
        intents: [
          { id: "order_status", examples: ["where is my order", "track my order"] },
          { id: "refund", examples: ["je veux être remboursé", "remboursement"] },
        ],
      },
    ]);
    expect(conversation.texts).toEqual(["remboursement"]);
  });

  it("takes the best known intent whatever order the classifier answers in, ignoring unknown ones", async () => {
    const deps = makeDeps({
      classify: async () => [
        { intent: "weather", confidence: 0.99 },
        { intent: "order_status", confidence: 0.61 },
        { intent: "refund", confidence: 0.7 },
      ],
    });
    const conversation = new Conversation(flow, deps);
    await conversation.start();
    await conversation.say("euh");
    expect(conversation.texts).toEqual(["remboursement"]);
    expect(conversation.variables).toEqual({ request: { intent: { id: "refund", confidence: 0.7 } } });
  });

  it("falls back when the classifier ranks nothing, and on a button tap", async () => {
    const conversation = new Conversation(flow, makeDeps({ classify: () => [] }));
    await conversation.start();
    await conversation.say("euh");
    expect(conversation.texts).toEqual(["pas compris"]);
    expect(conversation.variables).toEqual({});

    const tapped = new Conversation(flow);
    await tapped.start();
    await tapped.tap("order_status");
    expect(tapped.texts).toEqual(["pas compris"]);
  });

  it("waits silently when it has no text, with the default confidence floor of 0.5", async () => {
    const silent = makeFlow([
      { id: "start", type: "start", next: "what" },
      {
        id: "what",
        type: "intent",
        intents: [{ id: "refund", examples: { fr: ["remboursement"] }, next: "refund" }],
        fallback: "unknown",
      },
      { id: "refund", type: "end", text: "remboursement" },
      { id: "unknown", type: "end", text: "pas compris" },
    ]);
    const at = async (confidence: number) => {
      const conversation = new Conversation(silent, makeDeps({ classify: () => [{ intent: "refund", confidence }] }));
      const started = await conversation.start();
      expect(started.outputs).toEqual([]);
      await conversation.say("x");
      return conversation.texts[0];
    };
    expect(await at(0.5)).toBe("remboursement");
    expect(await at(0.49)).toBe("pas compris");
  });
});
