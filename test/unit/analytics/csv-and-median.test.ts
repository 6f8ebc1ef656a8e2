import { describe, expect, it } from "vitest";
import { figuresCsv } from "../../../runtime/analytics/csv.js";
import { medianOf } from "../../../runtime/analytics/figures.js";
import type { AnalyticsFigures } from "../../../schema/api/analytics.js";

describe("medians from histograms", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(medianOf([])).toBeNull();
    expect(medianOf([{ value: 4, count: 0 }])).toBeNull();
    expect(medianOf([{ value: 3, count: 1 }])).toBe(3);
    expect(
      medianOf([
        { value: 5, count: 1 },
        { value: 1, count: 1 },
      ]),
    ).toBe(3);
    expect(
      medianOf([
        { value: 1, count: 2 },
        { value: 9, count: 1 },
      ]),
    ).toBe(1);
    expect(
      medianOf([
        { value: 2, count: 2 },
        { value: 8, count: 2 },
      ]),
    ).toBe(5);
  });
});

const figures: AnalyticsFigures = {
  flowId: "support",
  version: null,
  from: "2026-03-02",
  to: "2026-03-02",
  abandonAfterMinutes: 30,
  conversations: { started: 3, contained: 1, handedOver: 1, abandoned: 1, ongoing: 0 },
  containment: 1 / 3,
  medianMessages: 2,
  medianResolutionSeconds: null,
  medianHandoffSeconds: 12.5,
  handoffsByRule: [{ ruleId: "=cmd", kind: "value", label: "Montant, élevé", count: 1 }],
  handoffsByNode: [{ flowId: "support", nodeId: "ask", count: 1 }],
  nodes: [
    { nodeId: "ask", reached: 3, dropOff: 1, answers: 4, notUnderstood: 1 },
    { nodeId: "start", reached: 3, dropOff: 0, answers: 0, notUnderstood: 0 },
  ],
  transitions: [{ id: "start>next", from: "start", handle: "next", count: 3 }],
  days: [{ day: "2026-03-02", started: 3, contained: 1, handedOver: 1 }],
};

describe("figures as CSV", () => {
  it("writes one figure per line, every version as `all`, empty for no value", () => {
    const lines = figuresCsv([figures]).split("\r\n");
    expect(lines[0]).toBe("flow,version,from,to,figure,subject,value");
    expect(lines).toContain("support,all,2026-03-02,2026-03-02,containment,,0.3333");
    expect(lines).toContain("support,all,2026-03-02,2026-03-02,median_resolution_seconds,,");
    expect(lines).toContain("support,all,2026-03-02,2026-03-02,median_handoff_seconds,,12.5");
    expect(lines).toContain("support,all,2026-03-02,2026-03-02,node_not_understood,ask,1");
    expect(lines.some((line) => line.includes("node_answers,start"))).toBe(false);
    expect(lines).toContain("support,all,2026-03-02,2026-03-02,transition_taken,start>next,3");
    expect(lines).toContain("support,all,2026-03-02,2026-03-02,day_handed_over,2026-03-02,1");
    expect(lines.at(-1)).toBe("");
  });

  it("keeps a subject a spreadsheet would read as a formula as text", () => {
    expect(figuresCsv([figures])).toContain("handed_over_by_rule,'=cmd,1");
  });
});
