import { afterEach, describe, expect, it } from "vitest";
import { language, setLanguage } from "../../../designer/src/i18n.js";
import { understoodWords } from "../../../designer/src/simulator/understood-words.js";
import type { ConversationState } from "../../../runtime/engine/index.js";

const state = (change: Partial<ConversationState>): ConversationState => ({
  stack: [{ flowId: "triage", nodeId: "ask-intent" }],
  status: "active",
  language: "fr",
  languageFrom: { source: "hint" },
  variables: {},
  attempts: 0,
  failedInputs: 0,
  visits: {},
  firedRules: [],
  effectsSinceInput: 0,
  ...change,
});

const languageLines = (before: ConversationState | undefined, after: ConversationState, customerSpoke = true) =>
  understoodWords([], before, after, customerSpoke, new Map()).filter((line) => line.startsWith("Langue"));

describe("what the simulator says of the conversation's language", () => {
  const interfaceLanguage = language;
  afterEach(() => setLanguage(interfaceLanguage));

  it("says it at the customer's first message, then only when it or how it was chosen moves", () => {
    setLanguage("fr");
    const chosen = state({});
    expect(languageLines(undefined, chosen)).toEqual(["Langue : français, choisie au départ"]);
    // Kept as it was: nothing new to say at the next messages.
    expect(languageLines(chosen, state({}))).toEqual([]);
    const guessed = state({ languageFrom: { source: "detected", confidence: 0.6 } });
    expect(languageLines(chosen, guessed)).toEqual([
      "Langue : français, reconnue dans ce qu'écrit le client (confiance 60\u00a0%)",
    ]);
    const sure = state({ language: "en", languageFrom: { source: "detected", confidence: 0.9, sure: true } });
    expect(languageLines(guessed, sure)).toEqual([
      "Langue : anglais, reconnue avec certitude (confiance 90\u00a0%), gardée pour la suite",
    ]);
    expect(languageLines(sure, state({ ...sure }))).toEqual([]);
    // A tapped choice is no message to read a language from.
    expect(languageLines(undefined, chosen, false)).toEqual([]);
  });

  it("words an intent recognised, one under the floor, and none at all", () => {
    setLanguage("fr");
    const intent = (confidence: number) =>
      understoodWords(
        [{ type: "intent", flowId: "triage", nodeId: "ask-intent", intent: "order_status", confidence }],
        undefined,
        undefined,
        true,
        new Map(),
      );
    expect(intent(0.93)).toEqual(["Intention reconnue : order_status (confiance 93\u00a0%)"]);
    expect(intent(0.3)).toEqual([
      "Pas compris avec assez de certitude : au mieux order_status (confiance 30\u00a0%, seuil 50\u00a0%)",
    ]);
    // Not "at best order_status (confidence 0 %)": no intent came near.
    expect(intent(0.001)).toEqual(["Pas compris : aucune intention ne correspond (seuil 50\u00a0%)"]);
  });
});
