import { describe, expect, it } from "vitest";
import { reasonFormula } from "../../../runtime/engine/reason-formula.js";
import type { StepResult } from "../../../runtime/engine/types.js";
import type { EscalationPolicy, Flow } from "../../../schema/index.js";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

type Rule = EscalationPolicy["rules"][number];
const base = { queue: "niveau-1", priority: "high" } as const;

function withRules(rules: Rule[], nodes?: Flow["nodes"], text?: EscalationPolicy["text"]) {
  return makeFlow(
    nodes ?? [
      { id: "start", type: "start", next: "ask" },
      {
        id: "ask",
        type: "question",
        text: "Votre numéro de commande ?",
        input: { kind: "pattern", pattern: "[0-9]{4}" },
        saveAs: "order.id",
        next: "total",
      },
      { id: "total", type: "set", assign: [{ variable: "order.total", value: "$number(order.id) / 2" }], next: "more" },
      { id: "more", type: "question", text: "Autre chose ?", input: { kind: "text" }, saveAs: "more", next: "ask" },
    ],
    { escalation: { defaultQueue: "support", rules, ...(text ? { text } : {}) } },
  );
}

function handoffOf(result: Pick<StepResult, "status">) {
  if (result.status.type !== "handoff") throw new Error(`expected a handoff, got ${result.status.type}`);
  return result.status.handoff;
}

describe("escalation rules", () => {
  it("humanRequest: a customer asking for a person, in words, is handed over before the answer is read", async () => {
    const conversation = new Conversation(withRules([{ id: "human", kind: "humanRequest", ...base }]));
    await conversation.start();
    const result = await conversation.say("Je veux parler à un CONSEILLER");
    expect(conversation.texts).toEqual(["Je vous mets en relation avec un conseiller."]);
    expect(result.status).toEqual({
      type: "handoff",
      handoff: {
        queue: "niveau-1",
        priority: "high",
        reason: {
          ruleId: "human",
          kind: "humanRequest",
          values: { text: "Je veux parler à un CONSEILLER", keyword: "conseiller" },
        },
        summary: {},
        flowId: "test-flow",
        nodeId: "ask",
      },
    });
    expect(conversation.variables).toEqual({});
  });

  it.each([
    ["fr", "Puis-je avoir quelqu'un ?", "quelqu un"],
    ["fr", "une conseillère svp", "conseillere"],
    ["fr", "un humain", "humain"],
    ["en", "Can I talk to a representative", "representative"],
    ["en", "HUMAN please", "human"],
  ])("humanRequest in %s: %j (keyword %j)", async (language, text, keyword) => {
    const conversation = new Conversation(withRules([{ id: "human", kind: "humanRequest", ...base }]));
    await conversation.start(undefined, language);
    const result = await conversation.say(text);
    expect(result.status).toMatchObject({ type: "handoff", handoff: { reason: { values: { keyword } } } });
  });

  it("humanRequest: ignores words that only contain a keyword, and the English list in French", async () => {
    const conversation = new Conversation(withRules([{ id: "human", kind: "humanRequest", ...base }]));
    await conversation.start();
    expect((await conversation.say("personnellement, l'agent de livraison")).status.type).toBe("wait");
  });

  it("humanRequest: an intent node with a `human` intent routes it along the flow's own path", async () => {
    const nodes: Flow["nodes"] = [
      { id: "start", type: "start", next: "what" },
      {
        id: "what",
        type: "intent",
        intents: [
          { id: "human", examples: { fr: ["contacter le service client"] }, next: "desk" },
          { id: "order", examples: { fr: ["ma commande"] }, next: "what" },
        ],
        fallback: "what",
      },
      { id: "desk", type: "handoff", queue: "level2", priority: "low" },
    ];
    const conversation = new Conversation(withRules([{ id: "human", kind: "humanRequest", ...base }], nodes));
    await conversation.start();
    const result = await conversation.say("contacter le service client");
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: { queue: "level2", reason: { ruleId: "desk", kind: "node" } },
    });
  });

  it("negativeSentiment: hands over at or below the threshold", async () => {
    const conversation = new Conversation(
      withRules([{ id: "angry", kind: "negativeSentiment", threshold: -0.5, ...base }]),
    );
    await conversation.start();
    expect((await conversation.say("je suis un peu déçu")).status.type).toBe("wait");
    const result = await conversation.say("C'est inadmissible, je suis furieux !");
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: {
        reason: {
          ruleId: "angry",
          kind: "negativeSentiment",
          threshold: -0.5,
          values: { sentiment: -0.917, text: "C'est inadmissible, je suis furieux !" },
        },
      },
    });
  });

  it("negativeSentiment: uses the injected sentiment with the conversation's language", async () => {
    const seen: string[] = [];
    const deps = makeDeps({
      sentiment: (text, language) => {
        seen.push(`${language}:${text}`);
        return -0.2;
      },
    });
    const conversation = new Conversation(
      withRules([{ id: "angry", kind: "negativeSentiment", threshold: -0.2, ...base }]),
      deps,
    );
    await conversation.start(undefined, "en");
    expect((await conversation.say("meh")).status.type).toBe("handoff");
    expect(seen).toEqual(["en:meh"]);
  });

  it("failedInputs: hands over after that many answers not understood in a row", async () => {
    const conversation = new Conversation(withRules([{ id: "lost", kind: "failedInputs", threshold: 3, ...base }]));
    await conversation.start();
    await conversation.say("euh");
    await conversation.say("je ne sais pas");
    const result = await conversation.say("???");
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: {
        reason: {
          ruleId: "lost",
          kind: "failedInputs",
          threshold: 3,
          values: { failedInputs: 3, nodeId: "ask" },
        },
      },
    });
  });

  it("any kind of rule gives the agents its label as the reason", async () => {
    const conversation = new Conversation(
      withRules([{ id: "lost", kind: "failedInputs", threshold: 1, label: "Client perdu dans le parcours", ...base }]),
    );
    await conversation.start();
    const result = await conversation.say("euh");
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: { reason: { ruleId: "lost", kind: "failedInputs", label: "Client perdu dans le parcours" } },
    });
  });

  it("failedInputs: a valid answer starts the count again", async () => {
    const conversation = new Conversation(withRules([{ id: "lost", kind: "failedInputs", threshold: 2, ...base }]));
    await conversation.start();
    await conversation.say("euh");
    await conversation.say("1234");
    await conversation.say("encore");
    expect(conversation.last.status.type).toBe("wait");
  });

  it("lowConfidence: hands over when the best intent is below the floor, before the fallback", async () => {
    const nodes: Flow["nodes"] = [
      { id: "start", type: "start", next: "what" },
      {
        id: "what",
        type: "intent",
        intents: [{ id: "order", examples: { fr: ["ma commande"] }, next: "what" }],
        confidenceFloor: 0.2,
        fallback: "what",
      },
    ];
    const deps = makeDeps({ classify: () => [{ intent: "order", confidence: 0.3 }] });
    const conversation = new Conversation(
      withRules([{ id: "unsure", kind: "lowConfidence", floor: 0.4, ...base }], nodes),
      deps,
    );
    await conversation.start();
    const result = await conversation.say("hmm");
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: {
        reason: {
          ruleId: "unsure",
          kind: "lowConfidence",
          floor: 0.4,
          values: { intent: "order", confidence: 0.3 },
        },
      },
    });
  });

  it("loop: hands over when a step is entered more than `maxVisits` times", async () => {
    const conversation = new Conversation(withRules([{ id: "circles", kind: "loop", maxVisits: 2, ...base }]));
    await conversation.start();
    await conversation.say("1000");
    await conversation.say("oui");
    await conversation.say("1002");
    const result = await conversation.say("encore");
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: {
        nodeId: "ask",
        reason: {
          ruleId: "circles",
          kind: "loop",
          maxVisits: 2,
          values: { nodeId: "ask", visits: 3 },
        },
      },
    });
    expect(result.outputs.map((output) => output.text)).toEqual(["Je vous mets en relation avec un conseiller."]);
  });

  it("value: hands over when an expression over the variables holds, with the values in words", async () => {
    const rule: Rule = {
      id: "big-order",
      kind: "value",
      when: "order.total >= 500",
      label: { fr: "Montant de commande élevé", en: "High order value" },
      ...base,
    };
    const conversation = new Conversation(withRules([rule]));
    await conversation.start();
    const result = await conversation.say("1480");
    expect(result.status).toEqual({
      type: "handoff",
      handoff: {
        queue: "niveau-1",
        priority: "high",
        reason: {
          ruleId: "big-order",
          kind: "value",
          when: "order.total >= 500",
          values: { "order.total": 740 },
          comparisons: [{ path: "order.total", value: 740, operator: ">=", literal: 500 }],
          label: { fr: "Montant de commande élevé", en: "High order value" },
        },
        summary: { order: { id: "1480", total: 740 } },
        flowId: "test-flow",
        nodeId: "total",
      },
    });
  });

  it("value: variables given at the start can hand over before the first step", async () => {
    const conversation = new Conversation(
      withRules([{ id: "vip", kind: "value", when: 'customer.tier = "gold"', ...base }]),
    );
    const result = await conversation.start({ customer: { tier: "gold" } });
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: { nodeId: "start", reason: { ruleId: "vip" } },
    });
    expect(reasonFormula(handoffOf(result).reason)).toBe('customer.tier = "gold" = "gold"');
    expect(result.state.visits).toEqual({});
  });

  it.each([
    ['order.total >= 500 and customer.tier = "gold"', 'order.total = 740 >= 500 and customer.tier = "gold" = "gold"'],
    ['order.total > 1000 or customer.tier = "gold"', 'order.total = 740 > 1000 or customer.tier = "gold" = "gold"'],
    ["500 <= order.total", "500 <= order.total = 740"],
    ['customer.tier in ["gold", "platinum"]', 'customer.tier = "gold" in ["gold", "platinum"]'],
    ["$count(order.lines) > 2", "$count(order.lines) > 2 (order.lines = [1,2,3])"],
    ["order.total * 2 > 1000", "order.total * 2 > 1000 (order.total = 740)"],
  ])("value formula of %s", async (when, formula) => {
    const nodes: Flow["nodes"] = [
      { id: "start", type: "start", next: "wait" },
      { id: "wait", type: "question", text: "?", input: { kind: "text" }, saveAs: "x", next: "wait" },
    ];
    const conversation = new Conversation(withRules([{ id: "vip", kind: "value", when, ...base }], nodes));
    await conversation.start({ order: { total: 740, lines: [1, 2, 3] }, customer: { tier: "gold" } });
    const result = await conversation.say("bonjour");
    expect(reasonFormula(handoffOf(result).reason)).toBe(formula);
  });

  it("checks rules in order, the first that fires wins, and each fires once per conversation", async () => {
    const conversation = new Conversation(
      withRules([
        { id: "first-value", kind: "value", when: "order.total >= 500", queue: "vip", priority: "urgent" },
        { id: "second-value", kind: "value", when: "order.total >= 100", queue: "gros", priority: "normal" },
      ]),
    );
    await conversation.start();
    const first = await conversation.say("1480");
    expect(first.status).toMatchObject({
      type: "handoff",
      handoff: { queue: "vip", reason: { ruleId: "first-value" } },
    });
    expect(first.state.firedRules).toEqual(["test-flow/first-value"]);
    await conversation.send({ type: "resume", nodeId: "more" });
    const second = await conversation.say("rien");
    expect(second.status).toMatchObject({
      type: "handoff",
      handoff: { queue: "gros", reason: { ruleId: "second-value" } },
    });
    await conversation.send({ type: "resume", nodeId: "more" });
    expect((await conversation.say("rien")).status).toEqual({ type: "wait", nodeId: "ask" });
  });

  it("says the policy's text in the conversation's language", async () => {
    const conversation = new Conversation(
      withRules([{ id: "human", kind: "humanRequest", ...base }], undefined, {
        fr: "Un conseiller de {{ shop }} arrive.",
        en: "Someone from {{ shop }} is coming.",
      }),
    );
    await conversation.start({ shop: "Relais" }, "en");
    await conversation.say("human please");
    expect(conversation.texts).toEqual(["Someone from Relais is coming."]);
  });

  it("says the default text in English to English speakers", async () => {
    const conversation = new Conversation(withRules([{ id: "human", kind: "humanRequest", ...base }]));
    await conversation.start(undefined, "en");
    await conversation.say("agent");
    expect(conversation.texts).toEqual(["I am putting you in touch with an advisor."]);
  });

  it("hands over with an EXPRESSION error when a value rule fails to evaluate", async () => {
    const conversation = new Conversation(
      withRules([{ id: "broken", kind: "value", when: "order.total >= 500", ...base }]),
    );
    const result = await conversation.start({ order: { total: "beaucoup" } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: "EXPRESSION", nodeId: "start" });
    expect(result.errors[0]?.message).toContain(
      "The expression `order.total >= 500` in escalation rule `broken` of flow `test-flow` (`when`) failed:",
    );
    expect(result.errors[0]?.message).toContain('It read order.total = "beaucoup".');
    expect(result.status).toMatchObject({ type: "handoff", handoff: { queue: "support", reason: { kind: "error" } } });
  });
});
