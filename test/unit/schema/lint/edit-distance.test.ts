import { describe, expect, it } from "vitest";
import { closest, editDistance } from "../../../../schema/lint/edit-distance.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("ask-email", "ask-email")).toBe(0);
    expect(editDistance("ask-emal", "ask-email")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("closest", () => {
  it("proposes a near id and nothing for a far or tiny one", () => {
    expect(closest("ask-emial", ["ask-email", "bye"])).toBe("ask-email");
    expect(closest("handoff-vip", ["ask-email", "bye"])).toBeUndefined();
    expect(closest("a", ["b"])).toBeUndefined();
    expect(closest("anything", [])).toBeUndefined();
  });
});
