import { describe, expect, it } from "vitest";
import { type Flow, lintFlow } from "../../../../schema/index.js";
import { FILE, flowOf, linear, problemsOf } from "./fixtures.js";

const withPattern = (pattern: string) => {
  const nodes = linear();
  nodes[1] = { ...nodes[1], input: { kind: "pattern", pattern } };
  return flowOf(nodes);
};

describe("lint/invalid-pattern", () => {
  it("reports a pattern JavaScript cannot compile, with the reason", () => {
    const problems = problemsOf("invalid-pattern", withPattern("CMD-([0-9]{6}"));
    expect(problems).toMatchObject([{ nodeId: "ask", pointer: "/nodes/1/input/pattern", severity: "error" }]);
    expect(problems[0]?.message).toMatch(
      /question `ask` has a `pattern` that is not a valid regular expression \(.+\)/,
    );
  });

  it("accepts a valid pattern", () => {
    expect(problemsOf("invalid-pattern", withPattern("CMD-[0-9]{6}"))).toEqual([]);
    expect(problemsOf("invalid-pattern", withPattern("(?<code>[A-Z]{3})-\\d+"))).toEqual([]);
  });

  it.each([
    ["a backreference", "(a)\\1"],
    ["a lookahead", "CMD-(?=[0-9])[0-9]{6}"],
    ["a negative lookahead", "(?!0)[0-9]+"],
  ])("refuses %s, which the linear-time engine cannot run, saying so", (_what, pattern) => {
    const problems = problemsOf("invalid-pattern", withPattern(pattern));
    expect(problems).toMatchObject([{ nodeId: "ask", pointer: "/nodes/1/input/pattern", severity: "error" }]);
    expect(problems[0]?.message).toContain("linear-time engine (RE2)");
  });

  it.each(["(a+)+", "(\\w+\\s?)*", "(?:x|y+){2,}"])("warns on the nested repetition of %s", (pattern) => {
    expect(problemsOf("invalid-pattern", withPattern(pattern))).toEqual([]);
    expect(problemsOf("pattern-nested-repetition", withPattern(pattern))).toMatchObject([
      { nodeId: "ask", pointer: "/nodes/1/input/pattern", severity: "warning" },
    ]);
  });

  it("checks regular expressions in expressions the same way, at the field holding them", () => {
    const nodes = linear();
    nodes.splice(2, 0, {
      id: "clean",
      type: "set",
      assign: [
        { variable: "email", value: "$replace(email, /(a)\\1/, '')" },
        { variable: "email", value: "$contains(email, /^(a+)+$/) ? email : ''" },
      ],
      next: "bye",
    });
    (nodes[1] as { next: string }).next = "clean";
    const flow = flowOf(nodes, { variables: { email: { type: "string" } } });
    expect(problemsOf("invalid-pattern", flow)).toMatchObject([
      { nodeId: "clean", pointer: "/nodes/2/assign/0/value", severity: "error" },
    ]);
    expect(problemsOf("invalid-pattern", flow)[0]?.message).toContain("/(a)\\1/");
    expect(problemsOf("pattern-nested-repetition", flow)).toMatchObject([
      { nodeId: "clean", pointer: "/nodes/2/assign/1/value", severity: "warning" },
    ]);
  });
});

describe("lint/jump-missing-flow and lint/jump-to-self", () => {
  const jumping = (flow: string) =>
    flowOf([
      { id: "start", type: "start", next: "identify" },
      { id: "identify", type: "jump", flow, next: "bye" },
      { id: "bye", type: "end" },
    ]);
  const known = new Map<string, Flow>([["identify-customer", jumping("test")]]);

  it("reports a jump to an unknown flow when the other flows are known, with a suggestion", () => {
    expect(problemsOf("jump-missing-flow", jumping("identify-custmer"), { flows: known })).toEqual([
      {
        code: "lint/jump-missing-flow",
        params: { flow: "identify-custmer", suggestion: "identify-customer" },
        severity: "error",
        file: FILE,
        nodeId: "identify",
        pointer: "/nodes/1/flow",
        message:
          "node `identify` jumps to the flow `identify-custmer`, which does not exist; did you mean `identify-customer`?",
      },
    ]);
  });

  it("says nothing about other flows when they are not given, or when the flow exists", () => {
    expect(problemsOf("jump-missing-flow", jumping("identify-custmer"))).toEqual([]);
    expect(problemsOf("jump-missing-flow", jumping("identify-customer"), { flows: known })).toEqual([]);
  });

  it("warns about a jump into the flow itself, and only that", () => {
    const flow = jumping("test");
    expect(problemsOf("jump-to-self", flow, { flows: known })).toMatchObject([
      { nodeId: "identify", pointer: "/nodes/1/flow", severity: "warning" },
    ]);
    expect(problemsOf("jump-missing-flow", flow, { flows: known })).toEqual([]);
    expect(problemsOf("jump-to-self", jumping("identify-customer"))).toEqual([]);
  });
});

describe("lint/whatsapp-buttons", () => {
  const menu = (labels: string[]) =>
    flowOf([
      { id: "start", type: "start", next: "menu" },
      {
        id: "menu",
        type: "question",
        text: "Quel sujet ?",
        input: { kind: "choice", choices: labels.map((label, i) => ({ id: `c${i}`, label })) },
        saveAs: "topic",
        next: "bye",
      },
      { id: "bye", type: "end" },
    ]);

  it("warns when one of up to 3 choices exceeds the 20 characters of a reply button", () => {
    const problems = problemsOf("whatsapp-buttons", menu(["Suivre ma commande", "Retourner un article"]));
    expect(problems).toEqual([]);
    const long = problemsOf("whatsapp-buttons", menu(["Suivre ma commande", "Retourner un article !"]));
    expect(long).toMatchObject([{ nodeId: "menu", pointer: "/nodes/1/input/choices/1/label", severity: "warning" }]);
    expect(long[0]?.message).toContain("22 characters");
    expect(long[0]?.message).toContain("WhatsApp reply buttons (used for 1 to 3 choices) show at most 20");
  });

  it("allows 24 characters once 4 to 10 choices render as a list", () => {
    const four = ["Suivre ma commande", "Retourner un article !", "Autre", "Parler à quelqu'un"];
    expect(problemsOf("whatsapp-buttons", menu(four))).toEqual([]);
    const tooLong = [...four.slice(0, 3), "Parler à un conseiller humain"];
    expect(problemsOf("whatsapp-buttons", menu(tooLong))).toMatchObject([
      {
        pointer: "/nodes/1/input/choices/3/label",
        message: expect.stringContaining("WhatsApp list rows (used for 4 to 10 choices) show at most 24"),
      },
    ]);
  });

  it("checks each language of a message's buttons", () => {
    const flow = flowOf(
      [
        { id: "start", type: "start", next: "menu" },
        {
          id: "menu",
          type: "message",
          text: { fr: "Alors ?", en: "So?" },
          choices: [{ id: "yes", label: { fr: "Oui, absolument, c'est bien ça", en: "Yes" }, next: "bye" }],
        },
        { id: "bye", type: "end" },
      ],
      { languages: ["fr", "en"] },
    );
    expect(problemsOf("whatsapp-buttons", flow)).toMatchObject([{ pointer: "/nodes/1/choices/0/label/fr" }]);
  });
});

describe("lint/duplicate-escalation-rule", () => {
  const withRules = (ids: string[]) =>
    flowOf(linear(), {
      variables: { email: { type: "string" } },
      escalation: {
        defaultQueue: "support",
        rules: ids.map((id) => ({ id, kind: "humanRequest", queue: "support", priority: "high" })),
      },
    });

  it("reports a rule reusing an earlier rule's id", () => {
    expect(lintFlow(withRules(["human", "upset", "human"]), FILE)).toEqual([
      {
        code: "lint/duplicate-escalation-rule",
        params: { first: 1, id: "human", position: 3 },
        severity: "error",
        file: FILE,
        pointer: "/escalation/rules/2/id",
        message:
          "escalation rule 3 has the id `human` of rule 1; give each rule its own id, since handoffs record which rule fired.",
      },
    ]);
  });

  it("accepts distinct ids", () => {
    expect(problemsOf("duplicate-escalation-rule", withRules(["human", "upset"]))).toEqual([]);
  });
});

describe("lint/whatsapp-button-body", () => {
  const menu = (text: unknown, count: number) =>
    flowOf([
      { id: "start", type: "start", next: "menu" },
      {
        id: "menu",
        type: "message",
        text,
        choices: Array.from({ length: count }, (_, i) => ({ id: `c${i}`, label: `Choix ${i}`, next: "bye" })),
      },
      { id: "bye", type: "end" },
    ]);

  it("warns when a text above 1 to 3 reply buttons is longer than WhatsApp's 1,024 characters", () => {
    expect(problemsOf("whatsapp-button-body", menu("x".repeat(1024), 3))).toEqual([]);
    const long = problemsOf("whatsapp-button-body", menu("x".repeat(1025), 3));
    expect(long).toMatchObject([{ nodeId: "menu", pointer: "/nodes/1/text", severity: "warning" }]);
    expect(long[0]?.message).toContain("1025 characters");
  });

  it("points at the language whose text is too long, and lets a list (4 choices or more) carry 4,096", () => {
    expect(
      problemsOf("whatsapp-button-body", menu({ fr: "x".repeat(1100), en: "short" }, 2)).map((p) => p.pointer),
    ).toEqual(["/nodes/1/text/fr"]);
    expect(problemsOf("whatsapp-button-body", menu("x".repeat(2000), 4))).toEqual([]);
  });
});
