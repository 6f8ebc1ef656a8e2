import { describe, expect, it } from "vitest";
import { diffFlowFields, type Flow } from "../../../schema/index.js";

const flow = (): Flow =>
  ({
    schemaVersion: 1,
    id: "demo",
    name: "Démo",
    languages: ["fr"],
    escalation: {
      defaultQueue: "support",
      rules: [{ id: "high-value", kind: "value", when: "total >= 500", queue: "priority", priority: "high" }],
    },
    nodes: [
      { id: "start", type: "start", next: "check" },
      {
        id: "check",
        type: "condition",
        rules: [
          { id: "big", when: "total >= 500", next: "vip" },
          { id: "small", when: "total < 500", next: "bye" },
        ],
        else: "bye",
      },
      { id: "vip", type: "message", text: { fr: "Bonjour", en: "Hello" }, next: "bye" },
      { id: "bye", type: "end" },
    ],
  }) as Flow;

type Rule = { id: string; when: string; next?: string };
type Node = { rules: [Rule, Rule]; text: Record<string, string> } & Record<string, unknown>;
type Mutable = { languages: string[]; escalation: { rules: [Rule] }; nodes: [Node, Node, Node, Node] };
const edit = (change: (flow: Mutable) => void): Flow => {
  const copy = structuredClone(flow()) as unknown as Mutable;
  change(copy);
  return copy as unknown as Flow;
};

describe("diffFlowFields", () => {
  it("gives each changed value with what it was and what it becomes, items named by id", () => {
    const after = edit((f) => {
      f.nodes[1].rules[0].when = "total >= 300";
    });
    expect(diffFlowFields(flow(), after)).toEqual({
      added: [],
      removed: [],
      fields: [
        {
          nodeId: "check",
          path: ["rules", "big", "when"],
          before: "total >= 500",
          after: "total >= 300",
          kind: "value",
        },
      ],
    });
  });

  it("reports one text language, an added field and a removed one, and flow settings as (flow)", () => {
    const after = edit((f) => {
      f.nodes[2].text.fr = "Salut";
      f.nodes[2].label = "Accueil VIP";
      delete f.nodes[1].else;
      f.escalation.rules[0].when = "total >= 300";
    });
    expect(diffFlowFields(flow(), after).fields).toEqual([
      {
        nodeId: "(flow)",
        path: ["escalation", "rules", "high-value", "when"],
        before: "total >= 500",
        after: "total >= 300",
        kind: "value",
      },
      { nodeId: "check", path: ["else"], before: "bye", kind: "value" },
      { nodeId: "vip", path: ["text", "fr"], before: "Bonjour", after: "Salut", kind: "value" },
      { nodeId: "vip", path: ["label"], after: "Accueil VIP", kind: "value" },
    ]);
  });

  it("reads an inserted rule as one added rule, and a reorder as an order change", () => {
    const inserted = edit((f) => {
      f.nodes[1].rules.splice(0, 0, { id: "vip", when: "tier = 'gold'", next: "vip" });
    });
    expect(diffFlowFields(flow(), inserted).fields).toEqual([
      {
        nodeId: "check",
        path: ["rules", "vip"],
        after: { id: "vip", when: "tier = 'gold'", next: "vip" },
        kind: "value",
      },
    ]);
    const reordered = edit((f) => {
      f.nodes[1].rules.reverse();
    });
    expect(diffFlowFields(flow(), reordered).fields).toEqual([
      { nodeId: "check", path: ["rules"], before: ["big", "small"], after: ["small", "big"], kind: "order" },
    ]);
  });

  it("names added and removed nodes, compares plain lists whole, and ignores key order", () => {
    const after = edit((f) => {
      f.languages = ["fr", "en"];
      f.nodes = f.nodes.map((node) => Object.fromEntries(Object.entries(node).reverse())) as Mutable["nodes"];
      f.nodes.splice(3, 1, { id: "fin", type: "end" } as unknown as Node);
    });
    expect(diffFlowFields(flow(), after)).toEqual({
      added: ["fin"],
      removed: ["bye"],
      fields: [{ nodeId: "(flow)", path: ["languages"], before: ["fr"], after: ["fr", "en"], kind: "value" }],
    });
  });

  it("finds nothing between a flow and itself", () => {
    expect(diffFlowFields(flow(), flow())).toEqual({ added: [], removed: [], fields: [] });
  });
});
