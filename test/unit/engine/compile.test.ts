import { describe, expect, it } from "vitest";
import { compileFlow } from "../../../runtime/engine/index.js";
import { makeFlow } from "./harness.js";

describe("compileFlow", () => {
  const flow = makeFlow(
    [
      { id: "start", type: "start", next: "hi" },
      { id: "hi", type: "message", text: { fr: "Bonjour {{ name }}", en: "Hi {{ name }}" }, next: "route" },
      { id: "route", type: "condition", rules: [{ id: "broken", when: "a >=", next: "hi" }], else: "bye" },
      {
        id: "ask",
        type: "question",
        text: "Code ?",
        input: { kind: "pattern", pattern: "[A-Z]{3}" },
        saveAs: "code",
        next: "bye",
      },
      { id: "bye", type: "end" },
    ],
    {
      escalation: {
        defaultQueue: "support",
        rules: [{ id: "vip", kind: "value", when: "name = 'VIP'", queue: "vip", priority: "high" }],
      },
    },
  );

  it("indexes the nodes and finds the start node", () => {
    const compiled = compileFlow(flow);
    expect([...compiled.nodes.keys()]).toEqual(["start", "hi", "route", "ask", "bye"]);
    expect(compiled.startNodeId).toBe("start");
    expect(compiled.flow).toBe(flow);
  });

  it("compiles each expression once and keeps the ones that do not parse as errors", () => {
    const { expressions } = compileFlow(flow);
    const name = expressions.expression("name");
    expect(name.ok).toBe(true);
    expect(expressions.expression("name")).toBe(name);
    expect(expressions.template("Bonjour {{ name }}")).toBe(expressions.template("Bonjour {{ name }}"));
    expect(expressions.expression("a >=")).toEqual({ ok: false, message: "Unexpected end of expression", position: 4 });
    expect(expressions.pattern("[A-Z]{3}", false)).toMatchObject({ ok: true });
    const pattern = expressions.pattern("[A-Z]{3}", false);
    expect(pattern.ok && pattern.regex.testExact("abc")).toBe(true);
    expect(pattern.ok && pattern.regex.testExact("ABCD")).toBe(false);
    expect(expressions.reads("name = 'VIP'")).toEqual(["name"]);
  });

  it("gives each flow its own cache", () => {
    expect(compileFlow(flow).expressions).not.toBe(compileFlow(flow).expressions);
  });
});
