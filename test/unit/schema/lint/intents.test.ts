import { describe, expect, it } from "vitest";
import { lintFlow } from "../../../../schema/index.js";
import { FILE, flowOf } from "./fixtures.js";

const five = (word: string) => [1, 2, 3, 4, 5].map((n) => `${word} ${n}`);

function router(intents: { id: string; examples: Record<string, string[]> }[]) {
  return flowOf(
    [
      { id: "start", type: "start", next: "what" },
      { id: "what", type: "intent", intents: intents.map((intent) => ({ ...intent, next: "done" })), fallback: "done" },
      { id: "done", type: "end" },
    ],
    { languages: ["fr", "en"] },
  );
}

const codes = (flow: ReturnType<typeof router>) =>
  lintFlow(flow, FILE).filter((problem) => problem.code.includes("intent"));

describe("intent examples", () => {
  it("says nothing of intents with five distinct examples in each language", () => {
    const flow = router([
      { id: "status", examples: { fr: five("où est ma commande"), en: five("where is my order") } },
      { id: "cancel", examples: { fr: five("annuler"), en: five("cancel") } },
    ]);
    expect(codes(flow)).toEqual([]);
  });

  it("warns of an intent with fewer than five examples in a language, or none", () => {
    const flow = router([{ id: "status", examples: { fr: ["où est ma commande", "suivi"] } }]);
    expect(codes(flow)).toEqual([
      expect.objectContaining({
        code: "lint/few-intent-examples",
        severity: "warning",
        nodeId: "what",
        pointer: "/nodes/1/intents/0/examples",
        params: { intent: "status", language: "en", count: 0, minimum: 5 },
      }),
      expect.objectContaining({
        code: "lint/few-intent-examples",
        pointer: "/nodes/1/intents/0/examples/fr",
        params: { intent: "status", language: "fr", count: 2, minimum: 5 },
      }),
    ]);
  });

  it("counts a regional language's examples for its base language", () => {
    const flow = router([{ id: "status", examples: { "fr-CA": five("mon colis"), en: five("my parcel") } }]);
    expect(codes(flow)).toEqual([]);
  });

  it("warns of an example given to two intents, case, accents and punctuation aside", () => {
    const flow = router([
      { id: "status", examples: { fr: [...five("suivi"), "Où est ma commande ?"], en: five("where") } },
      {
        id: "cancel",
        examples: { fr: [...five("annuler"), "ou est ma commande"], en: [...five("cancel"), "where 1"] },
      },
    ]);
    expect(codes(flow)).toEqual([
      expect.objectContaining({
        code: "lint/shared-intent-example",
        severity: "warning",
        pointer: "/nodes/1/intents/1/examples/en/5",
        params: { example: "where 1", intent: "cancel", other: "status" },
      }),
      expect.objectContaining({
        code: "lint/shared-intent-example",
        pointer: "/nodes/1/intents/1/examples/fr/5",
        params: { example: "ou est ma commande", intent: "cancel", other: "status" },
      }),
    ]);
  });
});
