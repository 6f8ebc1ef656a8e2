import { describe, expect, it } from "vitest";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

const grow = (assign: { variable: string; value: string }[]) =>
  makeFlow([
    { id: "start", type: "start", next: "grow" },
    { id: "grow", type: "set", assign, next: "done" },
    { id: "done", type: "end", text: "fini" },
  ]);

describe("size bounds of values and of the conversation's variables", () => {
  it("stops an expression that builds a text longer than a value may hold, at the node and field", async () => {
    const result = await new Conversation(grow([{ variable: "big", value: '$pad("", 33000000, "x")' }])).start();
    expect(result.status.type).toBe("handoff");
    expect(result.errors[0]).toMatchObject({ code: "EXPRESSION", nodeId: "grow" });
    expect(result.errors[0]?.message).toMatch(
      /^The expression `.+` in node `grow` of flow `test-flow`, field `\/assign\/0\/value` failed: The expression built a text of 33000000 characters, more than the 65536 a value may hold/,
    );
    expect(result.state.variables.big).toBeUndefined();
  });

  it("stops a doubling loop as soon as one step passes the bound", async () => {
    const doubling = `( $s := "0123456789abcdef"; ${Array.from({ length: 30 }, () => "$s := $s & $s;").join(" ")} $s )`;
    const result = await new Conversation(grow([{ variable: "big", value: doubling }])).start();
    expect(result.errors[0]?.message).toContain("built a text of 131072 characters");
  });

  it("refuses a value too large once serialised, and variables too large together, writing nothing", async () => {
    const list = await new Conversation(
      grow([{ variable: "list", value: '{ "a": $pad("", 30000, "x"), "b": $pad("", 30000, "y") }' }]),
      makeDeps({ limits: { valueChars: 50_000, stateChars: 200_000 } }),
    ).start();
    expect(list.errors[0]?.message).toMatch(
      /^Node `grow` of flow `test-flow` sets `list` to a value of \d+ characters, more than the 50000 a value may hold/,
    );
    const many = Array.from({ length: 5 }, (_, i) => ({ variable: `part${i}`, value: '$pad("", 60000, "y")' }));
    const state = await new Conversation(grow(many)).start();
    expect(state.errors[0]?.message).toMatch(
      /^Node `grow` of flow `test-flow` sets `part4`, and the conversation's variables would then hold \d+ characters, more than the 262144 allowed/,
    );
    expect(Object.keys(state.state.variables).sort()).toEqual(["part0", "part1", "part2", "part3"]);
  });

  it("lets values up to the bound through", async () => {
    const result = await new Conversation(grow([{ variable: "fine", value: '$pad("", 60000, "z")' }])).start();
    expect(result.errors).toEqual([]);
    expect((result.state.variables.fine as string).length).toBe(60000);
  });
});
