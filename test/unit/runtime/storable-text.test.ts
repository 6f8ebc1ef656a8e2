import { describe, expect, it } from "vitest";
import { findUnstorable } from "../../../runtime/plugins/storable-text.js";

describe("findUnstorable", () => {
  it("finds nothing in text any store holds, emoji included", () => {
    expect(findUnstorable({ text: "Bonjour 👋", list: [1, "deux", { trois: null }] })).toBeUndefined();
  });

  it("points at a NUL deep in arrays and objects, escaping the keys as JSON pointers do", () => {
    expect(findUnstorable({ a: [{ ok: "x" }, { "b/c~d": ["fine", "bad\u0000"] }] })).toEqual({
      pointer: "/a/1/b~1c~0d/1",
      reason: "contains a NUL character (\\u0000)",
    });
  });

  it("points at a lone half of a surrogate pair, and at a field name holding one", () => {
    expect(findUnstorable({ text: "broken \uD83D" })?.pointer).toBe("/text");
    expect(findUnstorable({ nested: { "k\uDE00": 1 } })).toEqual({
      pointer: "/nested/k\uDE00",
      reason:
        "has a field name that contains half of a surrogate pair (a broken emoji or other character outside the basic plane)",
    });
  });

  it("gives an empty pointer for a bad text on its own", () => {
    expect(findUnstorable("\u0000")?.pointer).toBe("");
  });
});
