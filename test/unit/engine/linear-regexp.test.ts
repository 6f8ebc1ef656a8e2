import { describe, expect, it } from "vitest";
import { ExpressionCache, evaluateCompiled } from "../../../runtime/engine/expressions.js";
import { NOW } from "./harness.js";

/** The value as JSON, without the marks JSONata leaves on its sequences. */
async function evaluate(source: string, input: unknown = {}) {
  const compiled = new ExpressionCache().expression(source);
  if (!compiled.ok) throw new Error(compiled.message);
  return JSON.parse(JSON.stringify(await evaluateCompiled(compiled.expression, input, NOW)) ?? "null");
}

describe("regular expressions in expressions, on the linear-time engine", () => {
  it("gives JSONata's regex functions the results JavaScript's RegExp gives", async () => {
    const input = { text: "CMD-123456 et cmd-654321, puis CMD-1" };
    expect(await evaluate("$match(text, /cmd-([0-9]{6})/i)", input)).toEqual([
      { match: "CMD-123456", index: 0, groups: ["123456"] },
      { match: "cmd-654321", index: 14, groups: ["654321"] },
    ]);
    expect(await evaluate('$replace(text, /([a-z]+)-([0-9])/i, "$2:$1")', input)).toBe(
      "1:CMD23456 et 6:cmd54321, puis 1:CMD",
    );
    expect(await evaluate("$split('a1b22c333d', /[0-9]+/)")).toEqual(["a", "b", "c", "d"]);
    expect(await evaluate("$contains(text, /puis/)", input)).toBe(true);
    expect(await evaluate("$match('héllo wörld', /\\w+/).match")).toEqual(["h", "llo", "w", "rld"]);
  });

  it("runs a catastrophic pattern against a long crafted text and returns", async () => {
    const text = `${"a".repeat(5000)}!`;
    expect(await evaluate("$contains(text, /^(a+)+$/)", { text })).toBe(false);
    expect(await evaluate("$count($match(text, /(a|aa)+!/))", { text })).toBe(1);
  });

  it("fails a pattern the engine cannot run with a message that says why", async () => {
    await expect(evaluate("$contains('aa', /(a)\\1/)")).rejects.toMatchObject({
      message: expect.stringContaining("linear-time engine"),
    });
  });

  it("matches a question's pattern against the whole answer, case-insensitively unless asked", () => {
    const cache = new ExpressionCache();
    const pattern = cache.pattern("CMD-[0-9]{6}", false);
    if (!pattern.ok) throw new Error(pattern.message);
    expect(pattern.regex.testExact("cmd-123456")).toBe(true);
    expect(pattern.regex.testExact("cmd-123456 merci")).toBe(false);
    const strict = cache.pattern("CMD-[0-9]{6}", true);
    expect(strict.ok && strict.regex.testExact("cmd-123456")).toBe(false);
    const redos = cache.pattern("(a+)+", false);
    expect(redos.ok && redos.regex.testExact(`${"a".repeat(10_000)}!`)).toBe(false);
  });
});
