import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { hasWord, LANGUAGES, language, setLanguage } from "../../../designer/src/i18n.js";
import { problemInWords } from "../../../designer/src/problems/in-words.js";
import { problemWords } from "../../../designer/src/problems/problem-words.js";
import { LINT_CODES, lintFlow, type Problem, validateFlow } from "../../../schema/index.js";

/** Keywords that only hold or point at other schemas: ajv never reports an error under their name. */
const SILENT = new Set([
  "$dynamicAnchor",
  "$dynamicRef",
  "$recursiveAnchor",
  "$recursiveRef",
  "$comment",
  "id",
  "$ref",
  "nullable",
  "allOf",
  "then",
  "else",
  "properties",
  "patternProperties",
  "prefixItems",
  "dependentSchemas",
]);

const ajvKeywords = () =>
  Object.keys((new Ajv2020({ discriminator: true }) as unknown as { RULES: { all: object } }).RULES.all).filter(
    (keyword) => !SILENT.has(keyword),
  );

const codes = [
  ...LINT_CODES.map((code) => `lint/${code}`),
  ...ajvKeywords().map((keyword) => `schema/${keyword}`),
  "schema/false schema",
  "schema/version",
  "json/syntax",
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w*)\}/g)].map((match) => match[1]).sort();

describe("problems in words", () => {
  const before = language;
  afterEach(() => setLanguage(before));

  it.each(LANGUAGES)("has %s words for every lint code and every kind of schema error", (lng) => {
    expect(codes.length).toBeGreaterThan(LINT_CODES.length + 25);
    expect(codes.filter((code) => !hasWord("problems", code, lng))).toEqual([]);
  });

  it("names the same values in French and in English", () => {
    const differing = Object.entries(problemWords).filter(
      ([, text]) => placeholders(text.fr).join() !== placeholders(text.en).join(),
    );
    expect(differing.map(([key]) => key)).toEqual([]);
  });

  const orderFlow = {
    schemaVersion: 1,
    id: "orders",
    name: "Commandes",
    languages: ["fr", "en"],
    variables: { orderId: { type: "string" } },
    nodes: [
      { id: "start", type: "start", next: "ask-order" },
      {
        id: "ask-order",
        type: "question",
        label: "Demander la commande",
        text: { fr: "Votre numéro de commande ?" },
        input: { kind: "text" },
        saveAs: "orderId",
        maxAttempts: 3,
        next: "bye",
      },
      { id: "bye", type: "end", text: "Merci {{ firstName }}" },
      { id: "lost", type: "end", label: "Au revoir oublié" },
    ],
  };

  const problemsOf = (document: unknown): Problem[] => {
    const checked = validateFlow(document, "orders.flow.json");
    return checked.ok ? lintFlow(checked.value, "orders.flow.json") : checked.problems;
  };

  it("says a lint problem with the step's label and the way out's caption, in the interface language", () => {
    const problem = problemsOf(orderFlow).find((p) => p.code === "lint/no-path-after-max-attempts");
    if (!problem) throw new Error("the flow should lack a way out after too many attempts");
    setLanguage("fr");
    expect(problemInWords(problem, orderFlow)).toBe(
      "L'étape « Demander la commande » n'a pas de suite quand le client se trompe trop souvent : reliez la sortie « trop d'essais » à une étape (un transfert vers un conseiller, le plus souvent), ou retirez le nombre d'essais.",
    );
    setLanguage("en");
    expect(problemInWords(problem, orderFlow)).toBe(
      "The step “Demander la commande” has nothing after the customer gets it wrong too often: connect the way out “too many attempts” to a step (usually a handoff to a person), or remove the number of attempts.",
    );
  });

  it("says every problem of a flow without a raw placeholder, code or pointer", () => {
    const problems = problemsOf(orderFlow);
    expect(problems.map((p) => p.code).sort()).toEqual([
      "lint/missing-translation",
      "lint/no-path-after-max-attempts",
      "lint/undeclared-variable",
      "lint/unreachable-node",
      "lint/variable-read-before-set",
    ]);
    setLanguage("fr");
    const sentences = problems.map((problem) => problemInWords(problem, orderFlow));
    expect(sentences).toContain(
      "L'étape « Demander la commande » : il manque la version en anglais — Question. D'ici là, les conversations en anglais affichent la version en français. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    );
    expect(sentences).toContain(
      "L'étape « Au revoir oublié » n'est jamais atteinte : aucune sortie n'y mène. Reliez-y une étape, ou supprimez-la.",
    );
    for (const sentence of sentences) expect(sentence).not.toMatch(/[{}`]|lint\/|\/nodes/);
  });

  it("says which languages a step lacks, for which of its texts, by their captions and labels", () => {
    const document = {
      schemaVersion: 1,
      id: "menu",
      name: "Menu",
      languages: ["fr", "en", "es"],
      variables: { topic: { type: "string" } },
      escalation: { defaultQueue: "support", text: { fr: "Un conseiller arrive" }, rules: [] },
      nodes: [
        { id: "start", type: "start", next: "ask" },
        {
          id: "ask",
          type: "question",
          label: "Choisir le sujet",
          text: { fr: "Quel sujet ?", en: "Which topic?", es: "¿Qué tema?" },
          input: { kind: "choice", choices: [{ id: "order", label: { en: "Order" } }] },
          saveAs: "topic",
          reprompt: { fr: "Choisissez un sujet." },
          next: "photo",
        },
        {
          id: "photo",
          type: "message",
          label: "Photo",
          text: { en: "Here it is" },
          media: [{ kind: "image", url: "https://cdn.example.fr/colis.png", caption: { en: "The parcel" } }],
          choices: [{ id: "thanks", label: { en: "Thanks" }, next: "bye" }],
        },
        { id: "bye", type: "end" },
      ],
    };
    const checked = validateFlow(document, "menu.flow.json");
    if (!checked.ok) throw new Error("the fixture should be a valid flow");
    const problems = lintFlow(checked.value, "menu.flow.json").filter((p) => p.code === "lint/missing-translation");
    setLanguage("fr");
    expect(problems.map((problem) => problemInWords(problem, document))).toEqual([
      "L'escalade vers un conseiller : il manque les versions en anglais et espagnol — Message au client lors du transfert. D'ici là, les conversations en anglais et espagnol affichent la version en français. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
      "L'étape « Choisir le sujet » : il manque les versions en français, anglais et espagnol — choix « Order », Relance si la réponse ne convient pas. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
      "L'étape « Photo » : il manque les versions en français et espagnol — Texte, Légende, bouton « Thanks ». D'ici là, les conversations en français et espagnol affichent la version en anglais. Ajoutez-les, ou utilisez un seul texte pour toutes les langues.",
    ]);
    const intents = {
      ...document,
      languages: ["fr", "en"],
      escalation: {
        defaultQueue: "support",
        text: { fr: "Un conseiller arrive", en: "An agent is coming" },
        rules: [
          {
            id: "asked",
            kind: "humanRequest",
            queue: "support",
            priority: "high",
            label: { fr: "Demande un conseiller" },
          },
        ],
      },
      nodes: [
        { id: "start", type: "start", next: "what" },
        {
          id: "what",
          type: "intent",
          label: "Demande",
          intents: [
            {
              id: "order_status",
              label: { fr: "Suivi de commande" },
              examples: { fr: ["ma commande"], en: ["my order"] },
              next: "bye",
            },
          ],
          fallback: "bye",
        },
        { id: "bye", type: "end" },
      ],
    };
    const labelled = validateFlow(intents, "menu.flow.json");
    if (!labelled.ok) throw new Error("the intents fixture should be a valid flow");
    const labelProblems = lintFlow(labelled.value, "menu.flow.json").filter(
      (p) => p.code === "lint/missing-translation",
    );
    // Only agents read these labels, in their interface's language: no conversation shows them.
    expect(labelProblems.map((problem) => problemInWords(problem, intents))).toEqual([
      "L'escalade vers un conseiller : il manque la version en anglais — libellé de la règle « Demande un conseiller ». D'ici là, les conseillers qui utilisent Relais en anglais voient la version en français. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
      "L'étape « Demande » : il manque la version en anglais — libellé de l'intention « Suivi de commande ». D'ici là, les conseillers qui utilisent Relais en anglais voient la version en français. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    ]);
    const asking = {
      ...intents,
      nodes: intents.nodes.map((node) =>
        node.id === "what" ? { text: { fr: "Que puis-je faire ?" }, ...node } : node,
      ),
    };
    const mixed = problemsOf(asking).find((p) => p.code === "lint/missing-translation" && p.nodeId === "what");
    expect(problemInWords(mixed as Problem, asking)).toBe(
      "L'étape « Demande » : il manque la version en anglais — Question posée, libellé de l'intention « Suivi de commande ». D'ici là, les conversations et les conseillers en anglais voient la version en français. Ajoutez-la, ou utilisez un seul texte pour toutes les langues.",
    );
    setLanguage("en");
    expect(problemInWords(labelProblems[1] as Problem, intents)).toBe(
      "The step “Demande”: the English version is missing — label of the intent “Suivi de commande”. Until then, agents using Relais in English see the French version. Add it, or use one text for every language.",
    );
    expect(problemInWords(mixed as Problem, asking)).toBe(
      "The step “Demande”: the English version is missing — Prompt, label of the intent “Suivi de commande”. Until then, conversations and agents in English see the French version. Add it, or use one text for every language.",
    );
    expect(problemInWords(problems[1] as Problem, document)).toBe(
      "The step “Choisir le sujet”: the French, English and Spanish versions are missing — choice “Order”, Reprompt when the answer is not valid. Add them, or use one text for every language.",
    );
  });

  it("says the media a channel cannot show with the channel's and the medium's names", () => {
    const document = {
      schemaVersion: 1,
      id: "photo",
      name: "Photo",
      languages: ["fr"],
      nodes: [
        { id: "start", type: "start", next: "show" },
        {
          id: "show",
          type: "message",
          label: "Photo du colis",
          text: "Voici votre colis",
          media: [{ kind: "image", url: "https://cdn.example.fr/colis.gif", caption: "Le colis ".repeat(130) }],
          next: "bye",
        },
        { id: "bye", type: "end" },
      ],
    };
    const checked = validateFlow(document, "photo.flow.json");
    if (!checked.ok) throw new Error("the fixture should be a valid flow");
    const problems = lintFlow(checked.value, "photo.flow.json", { channels: ["whatsapp", "messenger", "sms"] });
    setLanguage("fr");
    expect(problems.map((problem) => problemInWords(problem, document))).toEqual([
      "L'étape « Photo du colis » : un SMS ne peut pas montrer l'image ; le client en reçoit le lien à la place.",
      "L'étape « Photo du colis » : la légende fait 1170 caractères, mais WhatsApp n'en montre que 1024 sous l'image ; la fin serait coupée. Raccourcissez-la.",
      "L'étape « Photo du colis » : l'image est au format GIF, que WhatsApp ne montre pas ; le client n'y recevrait rien. Utilisez JPG, JPEG ou PNG.",
    ]);
    setLanguage("en");
    expect(problems.map((problem) => problemInWords(problem, document))).toContain(
      "The step “Photo du colis”: the caption has 1170 characters, but WhatsApp shows only 1024 under the image; the end would be cut. Shorten it.",
    );
  });

  it("says a schema error with the field's caption and the value's kind", () => {
    const document = structuredClone(orderFlow);
    (document.nodes[1] as Record<string, unknown>).maxAttempts = "3";
    const problems = problemsOf(document);
    setLanguage("fr");
    expect(problems.map((problem) => problemInWords(problem, document))).toEqual([
      "L'étape « Demander la commande » : « Nombre d'essais » doit être un nombre entier, pas un texte.",
    ]);
    setLanguage("en");
    expect(problems.map((problem) => problemInWords(problem, document))).toEqual([
      "The step “Demander la commande”: “Attempts” must be a whole number, not a text.",
    ]);
  });

  it("names a missing field by its usual caption, even without the document", () => {
    const missing: Problem = {
      code: "schema/required",
      params: { field: "queue" },
      severity: "error",
      file: "x.flow.json",
      pointer: "/nodes/3/queue",
      message: "Node 4 is missing `queue`.",
    };
    setLanguage("fr");
    expect(problemInWords(missing)).toBe("L'étape « 4 » : il manque « File ».");
  });

  it("keeps the message of a code it has no words for, or of a problem without the params its words name", () => {
    const problem: Problem = { code: "request/custom", severity: "error", file: "x", pointer: "", message: "As sent" };
    expect(problemInWords(problem)).toBe("As sent");
    const bare: Problem = {
      code: "schema/maxLength",
      severity: "error",
      file: "x",
      pointer: "/name",
      message: "Too long",
    };
    expect(problemInWords(bare)).toBe("Too long");
  });
});
