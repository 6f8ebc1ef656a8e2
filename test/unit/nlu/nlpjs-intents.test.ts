import { Nlp } from "@nlpjs/nlp";
import { describe, expect, it } from "vitest";
import { intentCandidates } from "../../../runtime/engine/intent-candidates.js";
import { loadIntentModel, NO_INTENT, trainIntentModel } from "../../../runtime/nlu/nlpjs-intents.js";
import type { IntentNode } from "../../../schema/nodes/intent.js";
import { shippedFlow } from "./shipped.js";

const askIntent = shippedFlow("triage").nodes.find((node): node is IntentNode => node.type === "intent") as IntentNode;

/** What nlp.js's own `process` makes of `text`, ranked the way `classify` ranks. */
async function fullProcess(model: string, text: string) {
  // The settings `loadIntentModel` builds its model with.
  const nlp = new Nlp({
    languages: ["fr"],
    autoSave: false,
    autoLoad: false,
    nlu: { log: false, spellCheck: true, spellCheckDistance: 1 },
  });
  nlp.use((await import("@nlpjs/lang-fr")).LangFr);
  nlp.import(model);
  const result = await nlp.process("fr", text);
  const ranked = result.classifications
    .filter((entry) => entry.intent !== "None")
    .map((entry) => ({ intent: entry.intent, confidence: Math.round(entry.score * 1000) / 1000 }));
  if (result.intent === "None")
    ranked.unshift({ intent: NO_INTENT, confidence: Math.round(result.score * 1000) / 1000 });
  return ranked.sort((a, b) => b.confidence - a.confidence);
}

describe("a trained nlp.js intent model", () => {
  // Words of every kind: an intent's own, misspelt, nothing to do with any, and too short to tell.
  const texts = [
    "où en est ma commande",
    "ou en et ma comande",
    "je veux annuler",
    "remboursez-moi",
    "Bonjour",
    "pas une adresse",
    "toujours pas",
    "le chat est sur la table",
    "retour commande",
    "zzz",
    "a",
  ];

  it("ranks every intent as nlp.js's whole pipeline does, below its threshold included", async () => {
    const model = await trainIntentModel("fr", intentCandidates(askIntent, "fr"));
    const loaded = await loadIntentModel("fr", model);
    for (const text of texts) expect(await loaded.classify(text), text).toEqual(await fullProcess(model, text));
    // The texts reach each branch: an intent, none, and none because the best intent scored under
    // nlp.js's threshold (0.461 for "retour commande", an order to cancel).
    expect((await loaded.classify("où en est ma commande"))[0]?.intent).toBe("order_status");
    expect((await loaded.classify("le chat est sur la table"))[0]?.intent).toBe(NO_INTENT);
    expect((await loaded.classify("retour commande"))[0]).toEqual({ intent: NO_INTENT, confidence: 1 });
  });
});
