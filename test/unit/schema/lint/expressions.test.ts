import { describe, expect, it } from "vitest";
import { FILE, flowOf, linear, problemsOf } from "./fixtures.js";

const lookup = (http: Record<string, unknown>, fields: Record<string, unknown> = {}) =>
  flowOf(
    [
      { id: "start", type: "start", next: "lookup" },
      {
        id: "lookup",
        type: "http",
        method: "GET",
        url: "https://crm.example/customers",
        next: "bye",
        onError: "bye",
        ...http,
      },
      { id: "bye", type: "end" },
    ],
    fields,
  );

describe("lint/expression-syntax", () => {
  it("reports a condition rule that does not parse, with JSONata's message and position", () => {
    const flow = flowOf([
      { id: "start", type: "start", next: "route" },
      { id: "route", type: "condition", rules: [{ id: "big", when: "order.total >=", next: "bye" }], else: "bye" },
      { id: "bye", type: "end" },
    ]);
    expect(problemsOf("expression-syntax", flow)).toEqual([
      {
        code: "lint/expression-syntax",
        params: { detail: "Unexpected end of expression", kind: "expression", position: 14, reason: "syntax" },
        severity: "error",
        file: FILE,
        nodeId: "route",
        pointer: "/nodes/1/rules/0/when",
        message:
          "node `route`: the expression at `/rules/0/when` does not parse: Unexpected end of expression (near character 14); write a JSONata expression, e.g. `order.total >= 500`.",
      },
    ]);
  });

  it("positions an error inside a template within the whole text", () => {
    const nodes = linear();
    nodes[2] = { id: "bye", type: "end", text: { fr: "Merci {{ a +* b }}" } };
    expect(problemsOf("expression-syntax", flowOf(nodes))).toMatchObject([
      {
        nodeId: "bye",
        pointer: "/nodes/2/text/fr",
        message: expect.stringContaining('in `{{ a +* b }}`, Syntax error: "b" (near character 15)'),
      },
    ]);
  });

  it("reports an unclosed or empty `{{` in a text", () => {
    const nodes = linear();
    nodes[1] = { ...nodes[1], text: "Votre e-mail {{ firstName ?", reprompt: "Encore {{ }}" };
    expect(problemsOf("expression-syntax", flowOf(nodes))).toMatchObject([
      { pointer: "/nodes/1/reprompt", message: expect.stringContaining("a `{{ }}` is empty (near character 8)") },
      {
        pointer: "/nodes/1/text",
        message: expect.stringContaining("a `{{` is never closed (near character 14); add `}}`"),
      },
    ]);
  });

  it("checks set values, response mappings, escalation value rules and the escalation text", () => {
    const flow = flowOf(
      [
        { id: "start", type: "start", next: "compute" },
        { id: "compute", type: "set", assign: [{ variable: "total", value: "1 +" }], next: "lookup" },
        {
          id: "lookup",
          type: "http",
          method: "GET",
          url: "https://crm.example/x",
          responseMapping: { customer: "body.(" },
          next: "bye",
          onError: "bye",
        },
        { id: "bye", type: "end" },
      ],
      {
        variables: { total: { type: "number" }, customer: { type: "object" } },
        escalation: {
          defaultQueue: "support",
          text: "Un conseiller {{ ",
          rules: [{ id: "big", kind: "value", when: "total >", queue: "vip", priority: "high" }],
        },
      },
    );
    expect(problemsOf("expression-syntax", flow).map((problem) => problem.pointer)).toEqual([
      "/escalation/rules/0/when",
      "/escalation/text",
      "/nodes/1/assign/0/value",
      "/nodes/2/responseMapping/customer",
    ]);
    expect(problemsOf("expression-syntax", flow)[0]?.message).toMatch(/^the escalation policy: the expression at/);
  });

  it("accepts expressions and templates that parse, braces inside them included", () => {
    const nodes = linear();
    nodes[2] = { id: "bye", type: "end", text: 'Merci {{ {"a": email}.a }} !' };
    expect(problemsOf("expression-syntax", flowOf(nodes))).toEqual([]);
  });
});

describe("lint/unknown-secret", () => {
  it("reports a secret the flow does not list, suggesting the closest listed one", () => {
    const flow = lookup({ headers: { Authorization: "Bearer {{ secrets.CRM_TOKN }}" } }, { secrets: ["CRM_TOKEN"] });
    expect(problemsOf("unknown-secret", flow)).toEqual([
      {
        code: "lint/unknown-secret",
        params: { secret: "CRM_TOKN", suggestion: "CRM_TOKEN" },
        severity: "error",
        file: FILE,
        nodeId: "lookup",
        pointer: "/nodes/1/headers/Authorization",
        message:
          'node `lookup` reads `secrets.CRM_TOKN` at `/headers/Authorization`, but the flow does not list the secret `CRM_TOKN`; did you mean `CRM_TOKEN`? Otherwise add "CRM_TOKN" to the flow\'s `secrets`.',
      },
    ]);
  });

  it("accepts a listed secret", () => {
    const flow = lookup({ headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}" } }, { secrets: ["CRM_TOKEN"] });
    expect(problemsOf("unknown-secret", flow)).toEqual([]);
  });
});

describe("lint/secrets-outside-http", () => {
  it("reports a secret read where it could reach a customer", () => {
    const nodes = linear();
    nodes[2] = { id: "bye", type: "end", text: "Jeton : {{ secrets.CRM_TOKEN }}" };
    const flow = flowOf(nodes, { secrets: ["CRM_TOKEN"] });
    expect(problemsOf("secrets-outside-http", flow)).toMatchObject([
      {
        nodeId: "bye",
        pointer: "/nodes/2/text",
        severity: "error",
        message: expect.stringContaining("only be used in the url, headers or body of an http node"),
      },
    ]);
    expect(problemsOf("unknown-secret", flow)).toEqual([]);
  });

  it("accepts secrets in an http node's url, headers and body", () => {
    const flow = lookup(
      {
        url: "https://crm.example/?key={{ secrets.CRM_TOKEN }}",
        method: "POST",
        body: '{"token": "{{ secrets.CRM_TOKEN }}"}',
      },
      { secrets: ["CRM_TOKEN"] },
    );
    expect(problemsOf("secrets-outside-http", flow)).toEqual([]);
    expect(problemsOf("variable-read-before-set", flow)).toEqual([]);
  });
});
