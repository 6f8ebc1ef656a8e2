import { describe, expect, it } from "vitest";
import { parseJsonFile, validateFlow } from "../../../schema/index.js";

const FILE = "flows/order.flow.json";

/** A valid flow to break one field at a time. */
const flow = () => ({
  schemaVersion: 1,
  id: "order",
  name: "Commande",
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "ask" } as Record<string, unknown>,
    {
      id: "ask",
      type: "question",
      text: "Votre numéro de commande ?",
      input: { kind: "pattern", pattern: "CMD-[0-9]{6}" },
      saveAs: "orderNumber",
      next: "bye",
    } as Record<string, unknown>,
    { id: "bye", type: "end" } as Record<string, unknown>,
  ],
});

const problemsOf = (document: unknown) => validateFlow(document, FILE).problems;

describe("validateFlow", () => {
  it("accepts a valid flow and returns it", () => {
    const document = flow();
    expect(validateFlow(document, FILE)).toEqual({ ok: true, value: document, problems: [] });
  });

  it("names a missing top-level field", () => {
    const { name: _, ...document } = flow();
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/required",
        params: { field: "name" },
        severity: "error",
        file: FILE,
        pointer: "/name",
        message: "The file is missing `name`.",
      },
    ]);
  });

  it("names a missing node field, with the node id", () => {
    const document = flow();
    delete document.nodes[1]?.saveAs;
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/required",
        params: { field: "saveAs" },
        severity: "error",
        file: FILE,
        nodeId: "ask",
        pointer: "/nodes/1/saveAs",
        message: "Node `ask` is missing `saveAs`.",
      },
    ]);
  });

  it("names an unknown field and suggests removing it or checking its spelling", () => {
    const document = flow();
    document.nodes[2] = { ...document.nodes[2], colour: "red" };
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/additionalProperties",
        params: { field: "colour" },
        severity: "error",
        file: FILE,
        nodeId: "bye",
        pointer: "/nodes/2/colour",
        message: "Node `bye` has a field `colour` that does not belong here; remove it or check its spelling.",
      },
    ]);
  });

  it("lists the known node types for an unknown one, and nothing about other types' fields", () => {
    const document = flow();
    document.nodes[2] = { id: "bye", type: "carousel" };
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/discriminator",
        params: {
          tag: "type",
          value: "carousel",
          allowed: [
            "start",
            "message",
            "question",
            "intent",
            "condition",
            "set",
            "http",
            "handoff",
            "jump",
            "return",
            "end",
          ],
        },
        severity: "error",
        file: FILE,
        nodeId: "bye",
        pointer: "/nodes/2",
        message:
          'Node `bye` has an unknown type "carousel". Known types: start, message, question, intent, condition, set, http, handoff, jump, return, end.',
      },
    ]);
  });

  it("explains a node id that is not a slug", () => {
    const document = flow();
    document.nodes[2] = { ...document.nodes[2], id: "Bye Bye" };
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/pattern",
        params: { value: "Bye Bye" },
        severity: "error",
        file: FILE,
        nodeId: "Bye Bye",
        pointer: "/nodes/2/id",
        message: 'The field `id` is not valid: "Bye Bye". The id of a node: a stable slug such as `ask-email`.',
      },
    ]);
  });

  it("says which type a field needs and what it got", () => {
    const document = { ...flow(), languages: "fr" };
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/type",
        params: { expected: ["array"], actual: "string" },
        severity: "error",
        file: FILE,
        pointer: "/languages",
        message: 'The field `languages` must be a list, not the text "fr".',
      },
    ]);
    const node = flow();
    node.nodes[1] = { ...node.nodes[1], maxAttempts: "3" };
    expect(problemsOf(node)).toMatchObject([
      {
        nodeId: "ask",
        pointer: "/nodes/1/maxAttempts",
        message: 'The field `maxAttempts` must be a whole number, not the text "3".',
      },
    ]);
  });

  it("lists the known input kinds for a question with an unknown one", () => {
    const document = flow();
    document.nodes[1] = { ...document.nodes[1], input: { kind: "colour" } };
    expect(problemsOf(document)).toEqual([
      {
        code: "schema/discriminator",
        params: {
          tag: "kind",
          value: "colour",
          allowed: ["text", "number", "email", "phone", "amount", "date", "choice", "pattern"],
        },
        severity: "error",
        file: FILE,
        nodeId: "ask",
        pointer: "/nodes/1/input",
        message:
          'The field `input` has an unknown kind "colour". Known kinds: text, number, email, phone, amount, date, choice, pattern.',
      },
    ]);
  });

  it("reports a field of the right input kind that is invalid, not the other kinds' fields", () => {
    const document = flow();
    document.nodes[1] = { ...document.nodes[1], input: { kind: "pattern", pattern: "" } };
    expect(problemsOf(document)).toEqual([
      expect.objectContaining({
        nodeId: "ask",
        pointer: "/nodes/1/input/pattern",
        message: "The field `pattern` cannot be empty.",
      }),
    ]);
  });
});

describe("parseJsonFile", () => {
  it("gives the line and column of a syntax error", () => {
    const parsed = parseJsonFile('{\n  "id": "order",\n  "name": "Commande"\n  "languages": ["fr"]\n}\n', FILE);
    expect(parsed).toMatchObject({
      ok: false,
      problem: { code: "json/syntax", severity: "error", file: FILE, line: 4, column: 3 },
    });
    if (!parsed.ok) expect(parsed.problem.message).toContain("Check commas, quotes and brackets");
  });

  it("locates a pointer of a parsed file, falling back to its closest parent", () => {
    const parsed = parseJsonFile('{\n  "nodes": [\n    { "id": "start" }\n  ]\n}\n', FILE);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    expect(parsed.value).toEqual({ nodes: [{ id: "start" }] });
    expect(parsed.locate("/nodes/0/id")).toEqual({ line: 3, column: 7 });
    expect(parsed.locate("/nodes/0/next")).toEqual({ line: 3, column: 5 });
  });
});
