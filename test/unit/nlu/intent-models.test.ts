import { describe, expect, it } from "vitest";
import { overlapClassifier } from "../../../runtime/engine/index.js";
import { intentCandidates } from "../../../runtime/engine/intent-candidates.js";
import { IntentModels, memoryModelStore } from "../../../runtime/nlu/intent-models.js";
import { NO_INTENT } from "../../../runtime/nlu/nlpjs-intents.js";
import type { IntentNode } from "../../../schema/nodes/intent.js";
import { Conversation, makeDeps } from "../engine/harness.js";
import { shippedFlow } from "./shipped.js";

const triage = shippedFlow("triage");
const askIntent = triage.nodes.find((node): node is IntentNode => node.type === "intent") as IntentNode;

async function trained() {
  const store = memoryModelStore();
  const models = new IntentModels(store);
  const report = await models.prepare(triage);
  return { store, models, report };
}

/** The intent the triage flow recognises when a customer answers `text`, in `language`. */
async function routeOf(classify: IntentModels["classify"], text: string, language: string) {
  const conversation = new Conversation(triage, makeDeps({ classify }));
  await conversation.start(undefined, language);
  await conversation.say(text);
  const { status } = conversation.last;
  // A request for a person is heard by the escalation policy before any intent node.
  if (status.type === "handoff" && status.handoff.reason.kind === "humanRequest") return "human";
  return (conversation.state?.variables.intent as { id: string } | undefined)?.id;
}

describe("intents recognised by a trained model (nlp.js)", () => {
  // The customers' own words from the issue, where word overlap missed or misrouted them.
  const phrases: [string, string, string][] = [
    ["où est mon colis ?", "fr", "order_status"],
    ["mon colis n'est jamais arrivé", "fr", "order_status"],
    ["ou en et ma comande", "fr", "order_status"],
    ["je ne veux plus de cette commande", "fr", "order_cancel"],
    ["representative", "en", "human"],
  ];

  it.each(phrases)("routes %j (%s) to %s", async (text, language, intent) => {
    const { models } = await trained();
    expect(await routeOf(models.classify, text, language)).toBe(intent);
  });

  it("trains one model per intent node and language, stores it, and reuses it by content hash", async () => {
    const { store, report } = await trained();
    expect(report).toMatchObject({ trained: 2, reused: 0 });
    expect(store.size()).toBe(2);
    // A restart: a new process with the same store trains nothing.
    const again = new IntentModels(store);
    expect(await again.prepare(triage)).toMatchObject({ trained: 0, reused: 2 });
    expect(await again.load(triage)).toBe(0);
    // A change to the examples is a new model; the other language's model is reused.
    const changed = structuredClone(triage);
    const node = changed.nodes.find((n): n is IntentNode => n.type === "intent") as IntentNode;
    node.intents[0]?.examples.en?.push("package whereabouts");
    expect(await again.prepare(changed)).toMatchObject({ trained: 1, reused: 1 });
  });

  it("never trains while a message waits: the first message gets word overlap, the model comes after", async () => {
    const store = memoryModelStore();
    const models = new IntentModels(store);
    const candidates = intentCandidates(askIntent, "fr");
    const first = await models.classify("annuler ma commande", candidates, "fr");
    expect(first).toEqual(overlapClassifier("annuler ma commande", candidates, "fr"));
    expect(store.size()).toBe(0);
    await models.idle();
    expect(store.size()).toBe(1);
    const next = await models.classify("je ne veux plus de cette commande", candidates, "fr");
    expect(next[0]?.intent).toBe("order_cancel");
  });

  it("only reports a missing model when told to, and answers with word overlap", async () => {
    const missing: string[] = [];
    const models = new IntentModels(memoryModelStore(), { whenMissing: (_key, language) => missing.push(language) });
    const ranked = await models.classify("suivi de commande", intentCandidates(askIntent, "fr"), "fr");
    expect(ranked[0]?.intent).toBe("order_status");
    await models.idle();
    expect(missing).toEqual(["fr"]);
    expect(await models.load(triage)).toBe(2);
  });

  it("keeps word overlap for a language nlp.js has no model for", async () => {
    const { models } = await trained();
    const candidates = [{ id: "order_status", examples: ["wo ist meine bestellung"] }];
    expect(await models.classify("wo ist meine bestellung", candidates, "de")).toEqual(
      overlapClassifier("wo ist meine bestellung", candidates, "de"),
    );
  });
});

describe("bad input", () => {
  const inputs: [string, string][] = [
    ["empty", ""],
    ["blank", "   \n "],
    ["emoji only", "🙂🙏🔥"],
    ["5,000 characters", "blabla ".repeat(715).slice(0, 5000)],
    ["another language", "Wo ist der Bahnhof, bitte?"],
    ["mixed scripts", "Привет 你好 مرحبا hello"],
  ];

  it.each(inputs)("%s: answers none with a score, and the flow takes its fallback", async (_name, text) => {
    const { models } = await trained();
    const ranked = await models.classify(text, intentCandidates(askIntent, "fr"), "fr");
    expect(ranked[0]?.intent).toBe(NO_INTENT);
    expect(ranked[0]?.confidence).toBeGreaterThan(0);
    const conversation = new Conversation(triage, makeDeps({ classify: models.classify }));
    await conversation.start(undefined, "fr");
    await conversation.say(text);
    expect(conversation.last.outputs.map((output) => output.nodeId)).toEqual(["not-understood", "ask-intent"]);
  });
});
