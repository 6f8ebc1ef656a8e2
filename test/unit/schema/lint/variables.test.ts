import { describe, expect, it } from "vitest";
import type { Flow } from "../../../../schema/index.js";
import { FILE, flowOf, linear, linearVariables, problemsOf } from "./fixtures.js";

const declared = (...names: string[]) => ({
  variables: Object.fromEntries(names.map((name) => [name, { type: "string" }])),
});

describe("lint/variable-read-before-set", () => {
  it("reports a variable read before any node can have saved it, and suggests the fix", () => {
    const nodes = [
      { id: "start", type: "start", next: "hello" },
      { id: "hello", type: "message", text: "Bonjour {{ firstName }}", next: "ask" },
      {
        id: "ask",
        type: "question",
        text: "Votre prénom ?",
        input: { kind: "text" },
        saveAs: "firstName",
        next: "bye",
      },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("variable-read-before-set", flowOf(nodes, declared("firstName")))).toEqual([
      {
        code: "lint/variable-read-before-set",
        params: { variable: "firstName" },
        severity: "error",
        file: FILE,
        nodeId: "hello",
        pointer: "/nodes/1/text",
        message:
          "node `hello` reads `firstName` at `/text`, but no path from the start sets it before; add a question or set node that saves `firstName` on the way here, or give `firstName` a `default` in `variables`.",
      },
    ]);
  });

  it("accepts a variable that some path sets, even if another path does not", () => {
    const nodes = [
      { id: "start", type: "start", next: "route" },
      { id: "route", type: "condition", rules: [{ id: "ask-first", when: "true", next: "ask" }], else: "bye" },
      { id: "ask", type: "question", text: "Votre e-mail ?", input: { kind: "email" }, saveAs: "email", next: "bye" },
      { id: "bye", type: "end", text: "Merci {{ email }}" },
    ];
    expect(problemsOf("variable-read-before-set", flowOf(nodes, linearVariables))).toEqual([]);
  });

  it("counts a loop back as a way to have set a variable", () => {
    const nodes = [
      { id: "start", type: "start", next: "again" },
      { id: "again", type: "condition", rules: [{ id: "done", when: "$exists(tries)", next: "bye" }], else: "count" },
      { id: "count", type: "set", assign: [{ variable: "tries", value: "1" }], next: "again" },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("variable-read-before-set", flowOf(nodes, declared("tries")))).toEqual([]);
  });

  it("counts defaults, the built-in contact, earlier assignments of the same set node, and secrets in http", () => {
    const nodes = [
      { id: "start", type: "start", next: "compute" },
      {
        id: "compute",
        type: "set",
        assign: [
          { variable: "greeting", value: '"Bonjour " & contact.name' },
          { variable: "shout", value: "$uppercase(greeting) & tone" },
        ],
        next: "call",
      },
      {
        id: "call",
        type: "http",
        method: "GET",
        url: "https://crm.example/?token={{ secrets.CRM_TOKEN }}",
        responseMapping: { customer: "body.customer" },
        next: "bye",
        onError: "bye",
      },
      { id: "bye", type: "end", text: "{{ shout }} {{ customer.name }}" },
    ];
    const fields = {
      secrets: ["CRM_TOKEN"],
      variables: {
        greeting: { type: "string" },
        shout: { type: "string" },
        tone: { type: "string", default: "!" },
        customer: { type: "object" },
      },
    };
    expect(problemsOf("variable-read-before-set", flowOf(nodes, fields))).toEqual([]);
  });

  it("does not count a later assignment of the same set node", () => {
    const nodes = [
      { id: "start", type: "start", next: "compute" },
      {
        id: "compute",
        type: "set",
        assign: [
          { variable: "a", value: "b" },
          { variable: "b", value: "1" },
        ],
        next: "bye",
      },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("variable-read-before-set", flowOf(nodes, declared("a", "b")))).toMatchObject([
      { pointer: "/nodes/1/assign/0/value", message: expect.stringContaining("reads `b`") },
    ]);
  });

  describe("through jumps", () => {
    const caller = flowOf(
      [
        { id: "start", type: "start", next: "identify" },
        { id: "identify", type: "jump", flow: "identify-customer", next: "bye" },
        { id: "bye", type: "end", text: "Merci {{ email }}" },
      ],
      linearVariables,
    );
    const callee = flowOf(linear(), { ...linearVariables, id: "identify-customer" });

    it("counts what the called flow writes", () => {
      const flows = new Map<string, Flow>([["identify-customer", callee]]);
      expect(problemsOf("variable-read-before-set", caller, { flows })).toEqual([]);
    });

    it("reports a read after a jump to a known flow that does not write it", () => {
      const silent = flowOf(
        [
          { id: "start", type: "start", next: "back" },
          { id: "back", type: "return" },
        ],
        { id: "identify-customer" },
      );
      const flows = new Map<string, Flow>([["identify-customer", silent]]);
      expect(problemsOf("variable-read-before-set", caller, { flows })).toMatchObject([{ nodeId: "bye" }]);
    });

    it("assumes a flow it cannot see may set anything", () => {
      expect(problemsOf("variable-read-before-set", caller)).toEqual([]);
    });

    it("counts what a calling flow sets before jumping here", () => {
      const sub = flowOf(
        [
          { id: "start", type: "start", next: "bye" },
          { id: "bye", type: "end", text: "Au revoir {{ email }}" },
        ],
        { ...linearVariables, id: "goodbye" },
      );
      const main = flowOf(
        [
          { id: "start", type: "start", next: "ask" },
          { id: "ask", type: "question", text: "E-mail ?", input: { kind: "email" }, saveAs: "email", next: "out" },
          { id: "out", type: "jump", flow: "goodbye", next: "done" },
          { id: "done", type: "end" },
        ],
        { ...linearVariables, id: "main" },
      );
      expect(problemsOf("variable-read-before-set", sub)).toMatchObject([{ nodeId: "bye" }]);
      const flows = new Map<string, Flow>([
        ["main", main],
        ["goodbye", sub],
      ]);
      expect(problemsOf("variable-read-before-set", sub, { flows })).toEqual([]);
    });
  });

  it("leaves unreachable nodes to unreachable-node", () => {
    const nodes = [...linear(), { id: "lost", type: "end", text: "{{ nothing }}" }];
    expect(problemsOf("variable-read-before-set", flowOf(nodes, declared("email", "nothing")))).toEqual([]);
  });
});

describe("lint/undeclared-variable", () => {
  it("warns about a write into an undeclared variable, at the field that writes, with a suggestion", () => {
    const nodes = linear();
    nodes[1] = { ...nodes[1], saveAs: "emial" };
    nodes[2] = { id: "bye", type: "end" };
    expect(problemsOf("undeclared-variable", flowOf(nodes, linearVariables))).toEqual([
      {
        code: "lint/undeclared-variable",
        params: { access: "write", suggestion: "email", variable: "emial" },
        severity: "warning",
        file: FILE,
        nodeId: "ask",
        pointer: "/nodes/1/saveAs",
        message:
          "node `ask` saves into `emial`, which is not declared in `variables`; did you mean `email`? Otherwise declare `emial` in `variables` with its type.",
      },
    ]);
  });

  it("finds the writing field of set and http nodes", () => {
    const nodes = [
      { id: "start", type: "start", next: "compute" },
      { id: "compute", type: "set", assign: [{ variable: "order.total", value: "1" }], next: "call" },
      {
        id: "call",
        type: "http",
        method: "GET",
        url: "https://crm.example/x",
        responseMapping: { "customer.name": "body.name" },
        next: "bye",
        onError: "bye",
      },
      { id: "bye", type: "end" },
    ];
    expect(problemsOf("undeclared-variable", flowOf(nodes)).map((problem) => problem.pointer)).toEqual([
      "/nodes/1/assign/0/variable",
      "/nodes/2/responseMapping/customer.name",
    ]);
  });

  it("warns about reads of undeclared variables, in nodes and in the escalation policy", () => {
    const escalation = {
      defaultQueue: "support",
      rules: [{ id: "big", kind: "value", when: "order.total >= 500", queue: "vip", priority: "high" }],
    };
    const problems = problemsOf("undeclared-variable", flowOf(linear(), { ...linearVariables, escalation }));
    expect(problems).toMatchObject([
      {
        pointer: "/escalation/rules/0/when",
        message:
          "the escalation policy reads `order` at `/escalation/rules/0/when`, which is not declared in `variables`; declare `order` in `variables` with its type.",
      },
    ]);
  });

  it("accepts declared variables, the built-in contact, secrets and what a response mapping reads", () => {
    const nodes = [
      { id: "start", type: "start", next: "call" },
      {
        id: "call",
        type: "http",
        method: "GET",
        url: "https://crm.example/?phone={{ contact.phone }}&key={{ secrets.KEY }}",
        responseMapping: { customer: "body.customer" },
        next: "bye",
        onError: "bye",
      },
      { id: "bye", type: "end", text: "Merci {{ customer.name }}" },
    ];
    const flow = flowOf(nodes, { secrets: ["KEY"], variables: { customer: { type: "object" } } });
    expect(problemsOf("undeclared-variable", flow)).toEqual([]);
  });
});
