import { describe, expect, it } from "vitest";
import { describeChanges } from "../../../designer/src/editor/change-words.js";
import type { Flow } from "../../../schema/index.js";

const flow = (threshold: number, label?: string): Flow =>
  ({
    schemaVersion: 1,
    id: "demo",
    name: "Démo",
    languages: ["fr"],
    nodes: [
      { id: "start", type: "start", next: "check" },
      {
        id: "check",
        type: "condition",
        ...(label ? { label } : {}),
        rules: [{ id: "big", when: `total >= ${threshold}`, next: "bye" }],
        else: "bye",
      },
      { id: "bye", type: "end" },
    ],
  }) as Flow;

describe("describeChanges", () => {
  it("says which node and field changed, with the value before and after", () => {
    expect(describeChanges(flow(500), flow(300))).toEqual([
      {
        key: "check/rules/big/when",
        where: "Node “check”",
        field: "Rules › big › When",
        before: "total >= 500",
        after: "total >= 300",
      },
    ]);
  });

  it("names a node by its label, shows a missing value as empty, and lists added and removed nodes", () => {
    const after = flow(500, "Gros panier");
    after.nodes = [...after.nodes.slice(0, 2), { id: "fin", type: "end" }];
    expect(describeChanges(flow(500), after).map((line) => [line.where, line.field, line.before, line.after])).toEqual([
      ["Node added: “fin” (End)", "", undefined, undefined],
      ["Node removed: “bye” (End)", "", undefined, undefined],
      ["Node “Gros panier (check)”", "Label", "(empty)", "Gros panier"],
    ]);
  });
});
