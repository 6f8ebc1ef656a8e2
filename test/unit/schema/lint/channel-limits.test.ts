import { describe, expect, it } from "vitest";
import { flowOf, problemsOf } from "./fixtures.js";

const menu = (labels: string[], text = "Quel sujet ?") =>
  flowOf([
    { id: "start", type: "start", next: "menu" },
    {
      id: "menu",
      type: "question",
      text,
      input: { kind: "choice", choices: labels.map((label, i) => ({ id: `c${i}`, label })) },
      saveAs: "topic",
      next: "bye",
    },
    { id: "bye", type: "end" },
  ]);

describe("lint/messenger-labels", () => {
  it("warns of a label past Messenger's 20 characters among 4 or more choices, which WhatsApp's list would show", () => {
    const four = ["Suivre ma commande", "Retourner un article", "Autre", "Parler à quelqu'un !!"];
    const problems = problemsOf("messenger-labels", menu(four));
    expect(problems).toMatchObject([
      { nodeId: "menu", pointer: "/nodes/1/input/choices/3/label", severity: "warning", params: { limit: 20 } },
    ]);
    expect(problems[0]?.message).toContain("Messenger quick replies show at most 20");
    expect(problemsOf("whatsapp-buttons", menu(four))).toEqual([]);
  });

  it("leaves 1 to 3 choices to the WhatsApp rule, which cuts at the same length", () => {
    expect(problemsOf("messenger-labels", menu(["Retourner un article !"]))).toEqual([]);
    expect(problemsOf("whatsapp-buttons", menu(["Retourner un article !"]))).toHaveLength(1);
  });
});

describe("lint/sms-segments", () => {
  it("accepts a text and its numbered choices within 3 segments", () => {
    expect(problemsOf("sms-segments", menu(["Oui", "Non"], "a".repeat(440)))).toEqual([]);
  });

  it("warns past 3 segments, counting the numbered choices and the encoding", () => {
    const gsm = problemsOf("sms-segments", menu(["Oui", "Non"], "a".repeat(460)));
    expect(gsm).toMatchObject([
      { pointer: "/nodes/1/text", params: { segments: 4, encoding: "GSM-7", limit: 3 }, severity: "warning" },
    ]);
    // One character outside GSM-7 sends it all as UCS-2: 67 characters a segment.
    const ucs = problemsOf("sms-segments", menu(["Oui"], `${"a".repeat(200)} 😀`));
    expect(ucs).toMatchObject([{ params: { segments: 4, encoding: "UCS-2" } }]);
  });
});
