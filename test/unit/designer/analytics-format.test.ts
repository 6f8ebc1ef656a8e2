import { describe, expect, it } from "vitest";
import {
  edgeWidth,
  inkOn,
  lastDays,
  number,
  percent,
  reachColour,
  share,
} from "../../../designer/src/analytics/format.js";
import { reasonWords } from "../../../designer/src/analytics/reasons.js";
import { setLanguage } from "../../../designer/src/i18n.js";
import { makeFlow } from "../engine/harness.js";

describe("analytics figures in words", () => {
  it("writes shares as each language does, and a dash for nothing to divide", () => {
    expect(percent(0.625, "fr")).toBe("62,5 %");
    expect(percent(0.625, "en")).toBe("62.5%");
    expect(percent(null, "fr")).toBe("—");
    expect(share(3, 0)).toBeNull();
    expect(share(3, 4)).toBe(0.75);
    expect(number(1234, "en")).toBe("1,234");
    expect(number(null, "en")).toBe("—");
  });

  it("darkens a node with its reach, keeps unreached ones grey and the text readable", () => {
    expect(reachColour(0)).toBe("#f3f4f6");
    expect(reachColour(null)).toBe("#f3f4f6");
    expect(reachColour(1)).toBe("hsl(217 90% 40%)");
    expect(reachColour(0.1)).not.toBe(reachColour(0.9));
    expect(inkOn(0.9)).toBe("#fff");
    expect(inkOn(0.2)).toBe("#111827");
    expect(edgeWidth(0)).toBe(1);
    expect(edgeWidth(1)).toBe(8);
  });

  it("names the last days ending today", () => {
    expect(lastDays(30, new Date("2026-03-31T15:00:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-31" });
    expect(lastDays(1, new Date("2026-03-31T00:00:00Z"))).toEqual({ from: "2026-03-31", to: "2026-03-31" });
  });

  it("words a handoff by its label, else its kind, a handoff step by its label", () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "desk" },
      { id: "desk", type: "handoff", queue: "support", label: "Service client" },
    ]);
    const rule = { ruleId: "vip", kind: "value", label: { fr: "Gros montant", en: "Big amount" }, count: 2 };
    expect(reasonWords(rule)).toBe("Big amount");
    expect(reasonWords({ ...rule, label: "Montant" })).toBe("Montant");
    expect(reasonWords({ ...rule, label: null, kind: "humanRequest" })).toBe("The customer asks for a person");
    setLanguage("fr");
    expect(reasonWords(rule)).toBe("Gros montant");
    expect(reasonWords({ ...rule, ruleId: "desk", kind: "node", label: null }, flow)).toBe(
      "Étape de transfert « Service client »",
    );
    expect(reasonWords({ ...rule, ruleId: "error", kind: "error", label: null })).toBe("Erreur dans le parcours");
    setLanguage("en");
  });
});
