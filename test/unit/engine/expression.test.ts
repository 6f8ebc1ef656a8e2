import { describe, expect, it } from "vitest";
import {
  describeJsonataError,
  parseExpression,
  parseTemplate,
  pathsRead,
  TemplateSyntaxError,
  templateExpressions,
} from "../../../schema/expression.js";

describe("parseTemplate", () => {
  it("splits text and expressions, with the offset of each trimmed expression", () => {
    const source = "Bonjour {{ firstName }}, votre commande {{order.id}} !";
    expect(parseTemplate(source).segments).toEqual([
      { text: "Bonjour " },
      { expression: "firstName", offset: 11 },
      { text: ", votre commande " },
      { expression: "order.id", offset: 42 },
      { text: " !" },
    ]);
    expect(source.slice(11, 11 + "firstName".length)).toBe("firstName");
    expect(source.slice(42, 42 + "order.id".length)).toBe("order.id");
  });

  it("returns a text without templates as one segment, and an empty text as none", () => {
    expect(parseTemplate("Merci").segments).toEqual([{ text: "Merci" }]);
    expect(parseTemplate("").segments).toEqual([]);
  });

  it("finds the closing braces after nested objects and strings holding braces", () => {
    expect(templateExpressions('{{ {"a": {"b": 1}}.a.b }} and {{ "}}" & x }}')).toEqual([
      '{"a": {"b": 1}}.a.b',
      '"}}" & x',
    ]);
  });

  it("throws a typed error with the offset of an unclosed `{{`", () => {
    const source = "Total : {{ order.total ";
    let caught: unknown;
    try {
      parseTemplate(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateSyntaxError);
    expect(caught).toMatchObject({ code: "TEMPLATE_UNCLOSED", offset: 8 });
    expect((caught as Error).message).toContain("character 9");
  });

  it("rejects an empty `{{ }}`", () => {
    expect(() => parseTemplate("a {{  }} b")).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate("a {{  }} b")).toThrow(/empty/);
  });
});

describe("parseExpression", () => {
  it("returns the AST of a valid expression", () => {
    const parsed = parseExpression("order.total >= 500");
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect((parsed.ast as { type: string }).type).toBe("binary");
  });

  it("returns JSONata's message and position for a syntax error", () => {
    expect(parseExpression("order.total >=")).toEqual({
      ok: false,
      code: "S0207",
      message: "Unexpected end of expression",
      position: 14,
    });
    const unclosed = parseExpression('"abc');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.message).toMatch(/String literal/);
  });

  it("describes non-JSONata throwables too", () => {
    expect(describeJsonataError("boom")).toEqual({ message: "boom" });
    expect(describeJsonataError({ code: "T2001", message: "m", position: 3 })).toEqual({
      code: "T2001",
      message: "m",
      position: 3,
    });
  });
});

describe("pathsRead", () => {
  it.each([
    ['order.total >= 500 and customer.tier = "gold"', ["order.total", "customer.tier"]],
    ["email", ["email"]],
    ["secrets.CRM_TOKEN", ["secrets.CRM_TOKEN"]],
    ["$count(items[price > 3].name)", ["items"]],
    ["order.lines[0].qty", ["order.lines"]],
    ["order.lines[qty > 1].sku", ["order.lines"]],
    ["($x := a.b; $x + c)", ["a.b", "c"]],
    ["$x.y", []],
    ["$.order.total", ["order.total"]],
    ['$uppercase(name) & " " & $string(order.id)', ["name", "order.id"]],
    ['{"total": order.total, "tier": customer.tier}', ["order.total", "customer.tier"]],
    ["paid ? order.total : 0", ["paid", "order.total"]],
    ["items.(price * qty)", ["items"]],
    ["a = 1 or a = 2", ["a"]],
    ["`first name` & x", ["first name", "x"]],
    ["-amount", ["amount"]],
    ["$now()", []],
    ["1 + ", []],
  ])("%s reads %j", (source, expected) => {
    expect(pathsRead(source)).toEqual(expected);
  });
});
