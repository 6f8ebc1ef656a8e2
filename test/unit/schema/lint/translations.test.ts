import { describe, expect, it } from "vitest";
import { labelIn } from "../../../../designer/src/agent/reason-words.js";
import { localize } from "../../../../runtime/engine/index.js";
import {
  type AgentText,
  type Flow,
  inFlowOrder,
  type LocalizedText,
  lintFlow,
  lintSeverityCounts,
} from "../../../../schema/index.js";
import { FILE, flowOf, problemsOf } from "./fixtures.js";

const bilingual = { languages: ["fr", "en"] };
const missing = (flow: Flow) => problemsOf("missing-translation", flow);

/** start → ask (a choice question) → bye; each of its texts given in French only. */
const frenchOnly = (): Record<string, unknown>[] => [
  { id: "start", type: "start", next: "ask" },
  {
    id: "ask",
    type: "question",
    text: { fr: "Quel sujet ?" },
    input: {
      kind: "choice",
      choices: [
        { id: "order", label: { fr: "Commande" } },
        { id: "other", label: { fr: "Autre" } },
      ],
    },
    saveAs: "topic",
    reprompt: { fr: "Choisissez un sujet." },
    next: "bye",
  },
  { id: "bye", type: "end", text: { fr: "Merci" } },
];
const topic = { variables: { topic: { type: "string" } } };

describe("lint/missing-translation", () => {
  it("warns once per node, listing every text that lacks the language and the language it falls back to", () => {
    expect(missing(flowOf(frenchOnly(), { ...bilingual, ...topic }))).toEqual([
      {
        code: "lint/missing-translation",
        params: {
          languages: ["en"],
          count: 1,
          fields: ["/text", "/input/choices/0/label", "/input/choices/1/label", "/reprompt"],
          readers: "customers",
          fallback: "fr",
        },
        severity: "warning",
        file: FILE,
        nodeId: "ask",
        pointer: "/nodes/1/text",
        message:
          "the texts at `/text`, `/input/choices/0/label`, `/input/choices/1/label`, `/reprompt` of node `ask` have no `en` version; add it (the flow speaks fr, en), or use one plain text for every language. Until then, conversations in `en` show the `fr` version.",
      },
      {
        code: "lint/missing-translation",
        params: { languages: ["en"], count: 1, fields: ["/text"], readers: "customers", fallback: "fr" },
        severity: "warning",
        file: FILE,
        nodeId: "bye",
        pointer: "/nodes/2/text",
        message:
          "the text at `/text` of node `bye` has no `en` version; add it (the flow speaks fr, en), or use one plain text for every language. Until then, conversations in `en` show the `fr` version.",
      },
    ]);
  });

  it("is a warning only: a flow missing every translation can still be published", () => {
    const problems = lintFlow(flowOf(frenchOnly(), { ...bilingual, ...topic }), FILE);
    expect(lintSeverityCounts(problems)).toEqual({ errors: 0, warnings: 2 });
  });

  it("says nothing of complete translations, of plain strings, or of a flow with one language", () => {
    const nodes = [
      { id: "start", type: "start", next: "menu" },
      {
        id: "menu",
        type: "message",
        text: { fr: "Bonjour", en: "Hello" },
        choices: [{ id: "yes", label: "OK", next: "bye" }],
      },
      { id: "bye", type: "end", text: "Merci / Thanks" },
    ];
    expect(missing(flowOf(nodes, bilingual))).toEqual([]);
    expect(missing(flowOf(frenchOnly(), topic))).toEqual([]);
  });

  it("covers every text a customer reads, on every kind of step", () => {
    const nodes = [
      { id: "start", type: "start", next: "hello" },
      {
        id: "hello",
        type: "message",
        text: { fr: "Bonjour" },
        media: [{ kind: "image", url: "https://example.fr/a.png", caption: { fr: "Le colis" } }],
        choices: [{ id: "go", label: { fr: "Continuer" }, next: "what" }],
      },
      {
        id: "what",
        type: "intent",
        text: { fr: "Que puis-je faire ?" },
        intents: [{ id: "order_status", examples: { fr: ["ma commande"] }, next: "desk" }],
        fallback: "desk",
      },
      { id: "desk", type: "handoff", queue: "support", priority: "normal", text: { fr: "Un conseiller arrive" } },
    ];
    const escalation = { defaultQueue: "support", text: { fr: "Je vous passe un conseiller" }, rules: [] };
    const problems = missing(flowOf(nodes, { ...bilingual, escalation }));
    expect(problems.map((problem) => [problem.nodeId, problem.pointer, problem.params?.fields])).toEqual([
      [undefined, "/escalation/text", ["/text"]],
      ["hello", "/nodes/1/text", ["/text", "/media/0/caption", "/choices/0/label"]],
      ["what", "/nodes/2/text", ["/text"]],
      ["desk", "/nodes/3/text", ["/text"]],
    ]);
    expect(problems[0]?.message).toBe(
      "the text at `/escalation/text` has no `en` version; add it (the flow speaks fr, en), or use one plain text for every language. Until then, conversations in `en` show the `fr` version.",
    );
  });

  it("lists every missing language in the flow's order, and the texts lacking any of them", () => {
    const nodes = [
      { id: "start", type: "start", next: "hello" },
      { id: "hello", type: "message", text: { fr: "Bonjour", en: "Hello" }, next: "bye" },
      { id: "bye", type: "end", text: { fr: "Merci" } },
    ];
    const problems = missing(flowOf(nodes, { languages: ["fr", "es", "en"] }));
    expect(problems).toMatchObject([
      { nodeId: "hello", params: { languages: ["es"], count: 1, fields: ["/text"], fallback: "fr" } },
      { nodeId: "bye", params: { languages: ["es", "en"], count: 2, fields: ["/text"], fallback: "fr" } },
    ]);
    expect(problems[1]?.message).toContain("has no `es`, `en` version; add them");
  });

  it("names the version shown instead only when it is the same for every missing one", () => {
    const nodes = [
      { id: "start", type: "start", next: "hello" },
      { id: "hello", type: "message", text: { en: "Hello" }, next: "bye" },
      {
        id: "bye",
        type: "message",
        text: { en: "Bye" },
        media: [{ kind: "image", url: "https://e.fr/a.png", caption: { fr: "Colis" } }],
      },
    ];
    const problems = missing(flowOf(nodes, bilingual));
    expect(problems[0]?.params).toEqual({
      languages: ["fr"],
      count: 1,
      fields: ["/text"],
      readers: "customers",
      fallback: "en",
    });
    // The text lacks French and shows English; the caption lacks English and shows French.
    expect(problems[1]?.params).toEqual({
      languages: ["fr", "en"],
      count: 2,
      fields: ["/text", "/media/0/caption"],
      readers: "customers",
    });
    expect(problems[1]?.message).not.toContain("Until then");
  });

  it("names the version the engine shows instead, a close variant of the language first", () => {
    const texts: [string[], LocalizedText][] = [
      [["fr", "fr-CA"], { fr: "Bonjour" }],
      [["fr", "en"], { fr: "Bonjour" }],
      [["fr", "en", "es"], { en: "Hello", es: "Hola" }],
      [["de", "fr", "en"], { en: "Hello", fr: "Bonjour" }],
    ];
    for (const [languages, text] of texts) {
      const nodes = [
        { id: "start", type: "start", next: "hello" },
        { id: "hello", type: "end", text },
      ];
      const [problem] = missing(flowOf(nodes, { languages }));
      const lacking = problem?.params?.languages as string[];
      const fallback = String(problem?.params?.fallback);
      for (const language of lacking) {
        expect(localize(text, language, languages)).toBe((text as Record<string, string>)[fallback]);
      }
    }
    const [canadian] = missing(
      flowOf(
        [
          { id: "start", type: "start", next: "hello" },
          { id: "hello", type: "end", text: { fr: "Bonjour" } },
        ],
        { languages: ["en", "fr-CA"] },
      ),
    );
    expect(canadian?.params).toMatchObject({ languages: ["en", "fr-CA"], fallback: "fr" });
  });

  it("checks a language added to a flow everywhere at once: one warning per step, not per text", () => {
    const nodes = [
      { id: "start", type: "start", next: "ask-1" },
      ...Array.from({ length: 30 }, (_, i) => ({
        id: `ask-${i + 1}`,
        type: "question",
        text: { fr: `Question ${i + 1} ?` },
        input: { kind: "choice", choices: ["a", "b", "c"].map((id) => ({ id, label: { fr: id.toUpperCase() } })) },
        saveAs: "topic",
        reprompt: { fr: "Encore ?" },
        next: i === 29 ? "bye" : `ask-${i + 2}`,
      })),
      { id: "bye", type: "end" },
    ];
    const problems = missing(flowOf(nodes, { ...bilingual, ...topic }));
    expect(problems).toHaveLength(30);
    expect(problems.map((problem) => problem.params?.fields)).toEqual(
      Array(30).fill([
        "/text",
        "/input/choices/0/label",
        "/input/choices/1/label",
        "/input/choices/2/label",
        "/reprompt",
      ]),
    );
  });

  it("points at the first text that lacks a language, where the step's complete texts come first", () => {
    const nodes = frenchOnly();
    nodes[1] = { ...nodes[1], text: { fr: "Quel sujet ?", en: "Which topic?" } };
    const [problem] = missing(flowOf(nodes, { ...bilingual, ...topic }));
    expect(problem).toMatchObject({ nodeId: "ask", pointer: "/nodes/1/input/choices/0/label" });
    expect(problem?.params?.fields).toEqual(["/input/choices/0/label", "/input/choices/1/label", "/reprompt"]);
  });

  /** start → what (an intent step whose one intent has `label`) → bye. */
  const intentStep = (label: AgentText, text?: LocalizedText): Record<string, unknown>[] => [
    { id: "start", type: "start", next: "what" },
    {
      id: "what",
      type: "intent",
      ...(text === undefined ? {} : { text }),
      intents: [{ id: "order_status", label, examples: { fr: ["ma commande"], en: ["my order"] }, next: "bye" }],
      fallback: "bye",
    },
    { id: "bye", type: "end" },
  ];

  it("says of an intent's label, which only agents read, that agents see the other version", () => {
    const [problem] = missing(flowOf(intentStep({ fr: "Suivi de commande" }), bilingual));
    expect(problem?.params).toEqual({
      languages: ["en"],
      count: 1,
      fields: ["/intents/0/label"],
      readers: "agents",
      fallback: "fr",
    });
    expect(problem?.message).toBe(
      "the text at `/intents/0/label` of node `what` has no `en` version; add it (the flow speaks fr, en), or use one plain text for every language. Until then, agents using Relais in `en` see the `fr` version.",
    );
  });

  it("checks the labels of escalation rules, in the policy's one warning", () => {
    const rule = { queue: "support", priority: "high" };
    const rules = [
      { ...rule, id: "big", kind: "value", when: "total >= 500", label: { fr: "Montant élevé" } },
      { ...rule, id: "said", kind: "humanRequest", label: "Demande un conseiller" },
      { ...rule, id: "loop", kind: "loop", maxVisits: 3, label: { fr: "Boucle", en: "Loop" } },
    ];
    const fields = { ...bilingual, variables: { total: { type: "number" } } };
    const nodes = [
      { id: "start", type: "start", next: "bye" },
      { id: "bye", type: "end" },
    ];
    const labelsOnly = { defaultQueue: "support", text: { fr: "Un instant", en: "One moment" }, rules };
    expect(missing(flowOf(nodes, { ...fields, escalation: labelsOnly }))).toMatchObject([
      {
        pointer: "/escalation/rules/0/label",
        params: { fields: ["/rules/0/label"], readers: "agents", fallback: "fr" },
        message:
          "the text at `/escalation/rules/0/label` has no `en` version; add it (the flow speaks fr, en), or use one plain text for every language. Until then, agents using Relais in `en` see the `fr` version.",
      },
    ]);
    const both = { ...labelsOnly, text: { fr: "Un instant" } };
    expect(missing(flowOf(nodes, { ...fields, escalation: both }))).toMatchObject([
      { pointer: "/escalation/text", params: { fields: ["/text", "/rules/0/label"], readers: "both", fallback: "fr" } },
    ]);
  });

  it("says of a step mixing customers' texts and agents' labels that both see the other version", () => {
    const [problem] = missing(
      flowOf(intentStep({ fr: "Suivi de commande" }, { fr: "Que puis-je faire ?" }), bilingual),
    );
    expect(problem?.params).toMatchObject({ fields: ["/text", "/intents/0/label"], readers: "both", fallback: "fr" });
    expect(problem?.message).toBe(
      "the texts at `/text`, `/intents/0/label` of node `what` have no `en` version; add it (the flow speaks fr, en), or use one plain text for every language. Until then, conversations and agents in `en` see the `fr` version.",
    );
  });

  it("names the version agents see as their console picks it: the first of the flow's languages the label has", () => {
    const noFrench = { en: "Order status", es: "Estado del pedido" };
    const labels: [string[], AgentText][] = [
      [["fr", "en"], { fr: "Suivi de commande" }],
      [["en", "fr"], { fr: "Suivi de commande" }],
      [["fr", "es", "en"], noFrench],
      [["es", "fr", "en"], noFrench],
    ];
    for (const [languages, label] of labels) {
      const [problem] = missing(flowOf(intentStep(label), { languages }));
      const lacking = problem?.params?.languages as string[];
      const fallback = String(problem?.params?.fallback);
      // The consoles speak French and English only.
      for (const language of lacking.filter((code) => code === "fr" || code === "en")) {
        expect(labelIn(inFlowOrder(label, languages), language)).toBe((label as Record<string, string>)[fallback]);
      }
    }
    // The label lacks the flow's first language: a customers' text would show the file's first version, `en`.
    const [spanish] = missing(flowOf(intentStep(noFrench), { languages: ["fr", "es", "en"] }));
    expect(spanish?.params).toMatchObject({ languages: ["fr"], readers: "agents", fallback: "es" });
  });

  it("names no version when customers and agents of a step would see different ones", () => {
    const [problem] = missing(
      flowOf(intentStep({ en: "Order status", es: "Estado del pedido" }, { en: "How can I help?", es: "¿Qué tal?" }), {
        languages: ["fr", "es", "en"],
      }),
    );
    expect(problem?.params).toEqual({
      languages: ["fr"],
      count: 1,
      fields: ["/text", "/intents/0/label"],
      readers: "both",
    });
    expect(problem?.message).not.toContain("Until then");
  });
});
