import jsonata from "jsonata";
import { describe, expect, it } from "vitest";
import {
  type Condition,
  type ConditionRow,
  fromExpression,
  isComplete,
  type Operator,
  operatorsFor,
  toExpression,
  type VariableType,
  valueKind,
} from "../../../designer/src/model/condition.js";
import { variableTypes } from "../../../designer/src/model/variable-types.js";
import type { Flow } from "../../../schema/index.js";

const types: Record<string, VariableType> = {
  total: "number",
  email: "string",
  vip: "boolean",
  tags: "array",
  order: "object",
};

const all = (...rows: ConditionRow[]): Condition => ({ match: "all", rows });
const any = (...rows: ConditionRow[]): Condition => ({ match: "any", rows });
const evaluate = (expression: string, data: Record<string, unknown>) => jsonata(expression).evaluate(data);

describe("condition builder: writing JSONata", () => {
  it("writes the issue's condition the way a developer would", () => {
    const condition = all(
      { variable: "total", operator: "ge", value: 300 },
      { variable: "email", operator: "notEmpty" },
    );
    expect(toExpression(condition, types)).toBe('total >= 300 and email != ""');
  });

  it("joins rows with or when any of them is enough", () => {
    const condition = any({ variable: "total", operator: "gt", value: 500 }, { variable: "vip", operator: "isTrue" });
    expect(toExpression(condition, types)).toBe("total > 500 or vip = true");
  });

  it("writes `true` when there is no row: the rule always holds", () => {
    expect(toExpression(all(), types)).toBe("true");
    expect(toExpression(any(), types)).toBe("true");
  });

  const cases: [ConditionRow, string][] = [
    [{ variable: "email", operator: "eq", value: "a@b.fr" }, 'email = "a@b.fr"'],
    [{ variable: "email", operator: "ne", value: "a@b.fr" }, 'email != "a@b.fr"'],
    [{ variable: "email", operator: "contains", value: "@" }, '$contains(email, "@")'],
    [{ variable: "email", operator: "startsWith", value: "jean" }, '$substring(email, 0, 4) = "jean"'],
    [{ variable: "email", operator: "empty" }, '(email = "" or $not($exists(email)))'],
    [{ variable: "email", operator: "notEmpty" }, 'email != ""'],
    [{ variable: "total", operator: "eq", value: 300 }, "total = 300"],
    [{ variable: "total", operator: "ne", value: 300 }, "total != 300"],
    [{ variable: "total", operator: "gt", value: 300 }, "total > 300"],
    [{ variable: "total", operator: "ge", value: 300 }, "total >= 300"],
    [{ variable: "total", operator: "lt", value: 300 }, "total < 300"],
    [{ variable: "total", operator: "le", value: -2.5 }, "total <= -2.5"],
    [{ variable: "total", operator: "exists" }, "$exists(total)"],
    [{ variable: "total", operator: "missing" }, "$not($exists(total))"],
    [{ variable: "vip", operator: "isTrue" }, "vip = true"],
    [{ variable: "vip", operator: "isFalse" }, "vip = false"],
    [{ variable: "tags", operator: "includes", value: "litige" }, '"litige" in tags'],
    [{ variable: "tags", operator: "emptyList" }, "$count(tags) = 0"],
    [{ variable: "tags", operator: "notEmptyList" }, "$count(tags) > 0"],
    [{ variable: "order", operator: "exists" }, "$exists(order)"],
    [{ variable: "order.total", operator: "ge", value: 500 }, "order.total >= 500"],
  ];
  it.each(cases)("writes %o as %s, and reads it back to the same row", (row, expression) => {
    expect(toExpression(all(row), types)).toBe(expression);
    expect(fromExpression(expression, types)).toEqual({ ok: true, condition: all(row) });
  });

  it("quotes text values so that quotes, backslashes and line breaks stay text", async () => {
    const value = 'il a dit "non" \\ puis\nrien';
    const expression = toExpression(all({ variable: "email", operator: "eq", value }), types);
    expect(expression).toBe('email = "il a dit \\"non\\" \\\\ puis\\nrien"');
    expect(await evaluate(expression, { email: value })).toBe(true);
    expect(fromExpression(expression, types)).toEqual({
      ok: true,
      condition: all({ variable: "email", operator: "eq", value }),
    });
  });

  it("quotes names that are not plain words, and reads them back", async () => {
    const unusual = { "code postal": "string", and: "number", "2fa": "boolean" } as const;
    const condition = all(
      { variable: "code postal", operator: "eq", value: "75001" },
      { variable: "and", operator: "gt", value: 1 },
      { variable: "2fa", operator: "isTrue" },
      { variable: "prénom", operator: "notEmpty" },
    );
    const expression = toExpression(condition, unusual);
    expect(expression).toBe('`code postal` = "75001" and `and` > 1 and `2fa` = true and prénom != ""');
    expect(await evaluate(expression, { "code postal": "75001", and: 2, "2fa": true, prénom: "Zoé" })).toBe(true);
    expect(fromExpression(expression, unusual)).toEqual({ ok: true, condition });
  });

  it("counts characters as people do for 'starts with', emoji included", async () => {
    const expression = toExpression(all({ variable: "email", operator: "startsWith", value: "👋é" }), types);
    expect(expression).toBe('$substring(email, 0, 2) = "👋é"');
    expect(await evaluate(expression, { email: "👋é bonjour" })).toBe(true);
    expect(await evaluate(expression, { email: "👋e bonjour" })).toBe(false);
  });

  it("leaves out rows not yet complete, so what is being typed never breaks the flow", () => {
    const condition = all(
      { variable: "total", operator: "ge", value: 300 },
      { variable: "", operator: "eq", value: "x" },
      { variable: "total", operator: "gt" },
      { variable: "email", operator: "contains", value: 3 },
      { variable: "email", operator: "gt", value: 3 },
      { variable: "a..b", operator: "exists" },
      { variable: "total", operator: "gt", value: Number.NaN },
    );
    expect(toExpression(condition, types)).toBe("total >= 300");
  });

  it("ignores a value kept from another operator when the operator takes none", () => {
    const row: ConditionRow = { variable: "email", operator: "notEmpty", value: "left over" };
    expect(isComplete(row, "string")).toBe(true);
    expect(toExpression(all(row), types)).toBe('email != ""');
  });

  it("takes the value's own type for variables of unknown type", () => {
    const condition = all(
      { variable: "reponse", operator: "eq", value: "oui" },
      { variable: "montant", operator: "eq", value: 12 },
      { variable: "montant", operator: "ge", value: 10 },
    );
    expect(toExpression(condition, {})).toBe('reponse = "oui" and montant = 12 and montant >= 10');
  });
});

describe("condition builder: what each written condition means", () => {
  const means: [ConditionRow, Record<string, unknown>, boolean][] = [
    [{ variable: "email", operator: "empty" }, {}, true],
    [{ variable: "email", operator: "empty" }, { email: "" }, true],
    [{ variable: "email", operator: "empty" }, { email: "a" }, false],
    [{ variable: "email", operator: "notEmpty" }, {}, false],
    [{ variable: "email", operator: "notEmpty" }, { email: "" }, false],
    [{ variable: "email", operator: "notEmpty" }, { email: "a" }, true],
    [{ variable: "email", operator: "contains", value: "@b." }, { email: "a@b.fr" }, true],
    [{ variable: "email", operator: "startsWith", value: "a@" }, { email: "b@a.fr" }, false],
    [{ variable: "total", operator: "ge", value: 300 }, { total: 300 }, true],
    [{ variable: "total", operator: "ge", value: 300 }, { total: 299.99 }, false],
    [{ variable: "total", operator: "missing" }, {}, true],
    [{ variable: "vip", operator: "isFalse" }, { vip: false }, true],
    [{ variable: "vip", operator: "isTrue" }, {}, false],
    [{ variable: "tags", operator: "includes", value: "litige" }, { tags: ["retard", "litige"] }, true],
    [{ variable: "tags", operator: "emptyList" }, {}, true],
    [{ variable: "tags", operator: "notEmptyList" }, { tags: ["x"] }, true],
  ];
  it.each(means)("%o over %o is %s", async (row, data, expected) => {
    expect(Boolean(await evaluate(toExpression(all(row), types), data))).toBe(expected);
  });
});

describe("condition builder: reading expressions back", () => {
  it("reads the rows of an expression written by hand the same way", () => {
    expect(fromExpression("order.total>=500 and (email != '')", types)).toEqual({
      ok: true,
      condition: all(
        { variable: "order.total", operator: "ge", value: 500 },
        { variable: "email", operator: "notEmpty" },
      ),
    });
  });

  it("reads a value written first, turning the comparison round", () => {
    expect(fromExpression("300 <= total", types)).toEqual({
      ok: true,
      condition: all({ variable: "total", operator: "ge", value: 300 }),
    });
  });

  it("reads `true` as no row at all, and any chain of or as 'any'", () => {
    expect(fromExpression("true", types)).toEqual({ ok: true, condition: all() });
    expect(fromExpression("total < 10 or total > 90 or vip = true", types)).toEqual({
      ok: true,
      condition: any(
        { variable: "total", operator: "lt", value: 10 },
        { variable: "total", operator: "gt", value: 90 },
        { variable: "vip", operator: "isTrue" },
      ),
    });
  });

  it("round-trips every operator each type offers, in all and in any", () => {
    const sample: Record<"text" | "number" | "any", string | number> = { text: "x", number: 7, any: "y" };
    for (const [variable, type] of Object.entries(types)) {
      for (const operator of operatorsFor(type)) {
        const kind = valueKind(operator, type);
        const row: ConditionRow =
          kind === "none" ? { variable, operator } : { variable, operator, value: sample[kind] };
        for (const condition of [all(row, row), any(row, row)]) {
          const expression = toExpression(condition, types);
          expect(fromExpression(expression, types), expression).toEqual({ ok: true, condition });
        }
      }
    }
  });

  it("says a text is not JSONata, with the parser's message", () => {
    const read = fromExpression("total >= 300 and", types);
    expect(read).toMatchObject({ ok: false, reason: "syntax" });
    expect(read.ok === false && read.reason === "syntax" && read.message).toMatch(/end of expression/);
  });

  it("says when and and or are mixed, which rows cannot show", () => {
    expect(fromExpression("total > 1 and email = 'a' or vip = true", types)).toEqual({ ok: false, reason: "mixed" });
    expect(fromExpression("total > 1 and (vip = true or email = 'a')", types)).toEqual({
      ok: false,
      reason: "mixed",
    });
  });

  const beyond = [
    "order.customerId = customer.id",
    "total + 10 > 300",
    "$lowercase(email) = 'a'",
    "tags[0] = 'x'",
    "$x = 1",
    "email = null",
    "vip != true",
    "$substring(email, 0, 3) = 'ab'",
    "$substring(email, 1, 2) = 'ab'",
    "$contains(email, /@b/)",
    "$count(tags) = 2",
    "$not(vip)",
    "vip",
    "false",
    "email > 'a'",
    "order.{ 'a': total } = 1",
  ];
  it.each(beyond)("says %s has a part the builder has no row for", (expression) => {
    expect(fromExpression(expression, types)).toEqual({ ok: false, reason: "shape" });
  });

  const mismatched: [string, string, VariableType][] = [
    ["total = '300'", "total", "number"],
    ["email = 3", "email", "string"],
    ["email = true", "email", "string"],
    ["vip = 'oui'", "vip", "boolean"],
    ["$contains(total, '3')", "total", "number"],
    ["$count(email) = 0", "email", "string"],
    ["order = 'x'", "order", "object"],
  ];
  it.each(mismatched)("says %s compares %s with a value its type (%s) does not take", (expression, variable, type) => {
    expect(fromExpression(expression, types)).toEqual({ ok: false, reason: "type", variable, type });
  });
});

describe("condition builder: operators per type", () => {
  it("offers for each declared type only the operators that fit it", () => {
    const offered: Record<VariableType, Operator[]> = {
      string: ["eq", "ne", "contains", "startsWith", "empty", "notEmpty"],
      number: ["eq", "ne", "gt", "ge", "lt", "le", "exists", "missing"],
      boolean: ["isTrue", "isFalse", "exists", "missing"],
      array: ["includes", "emptyList", "notEmptyList"],
      object: ["exists", "missing"],
      unknown: operatorsFor("unknown") as Operator[],
    };
    for (const [type, operators] of Object.entries(offered))
      expect(operatorsFor(type as VariableType)).toEqual(operators);
    expect(operatorsFor("unknown")).toEqual(expect.arrayContaining([...offered.string, ...offered.number]));
  });

  it("asks a number for ordering, text for text operators, and nothing for emptiness", () => {
    expect(valueKind("ge", "unknown")).toBe("number");
    expect(valueKind("eq", "number")).toBe("number");
    expect(valueKind("eq", "string")).toBe("text");
    expect(valueKind("eq", "unknown")).toBe("any");
    expect(valueKind("startsWith", "string")).toBe("text");
    expect(valueKind("empty", "string")).toBe("none");
    expect(valueKind("isTrue", "boolean")).toBe("none");
  });
});

describe("variable types for the builder", () => {
  it("takes declared types first, then what questions save, and leaves the rest unknown", () => {
    const flow = {
      variables: { total: { type: "number" }, email: { type: "string" } },
      nodes: [
        { id: "q1", type: "question", text: "?", saveAs: "total", input: { kind: "text" } },
        { id: "q2", type: "question", text: "?", saveAs: "age", input: { kind: "number" } },
        { id: "q3", type: "question", text: "?", saveAs: "mail", input: { kind: "email" } },
        {
          id: "q4",
          type: "question",
          text: "?",
          saveAs: "ok",
          input: {
            kind: "choice",
            choices: [
              { id: "y", label: "Oui", value: true },
              { id: "n", label: "Non", value: false },
            ],
          },
        },
        {
          id: "q5",
          type: "question",
          text: "?",
          saveAs: "motif",
          input: { kind: "choice", choices: [{ id: "retard", label: "Retard" }] },
        },
        {
          id: "q6",
          type: "question",
          text: "?",
          saveAs: "mixte",
          input: {
            kind: "choice",
            choices: [
              { id: "a", label: "A", value: 1 },
              { id: "b", label: "B" },
            ],
          },
        },
        { id: "q7", type: "question", text: "?", saveAs: "refund", input: { kind: "amount", currency: "EUR" } },
      ],
    } as unknown as Flow;
    expect(variableTypes(flow)).toEqual({
      refund: "object",
      "refund.value": "number",
      "refund.currency": "string",
      total: "number",
      email: "string",
      age: "number",
      mail: "string",
      ok: "boolean",
      motif: "string",
      mixte: "unknown",
    });
  });
});
