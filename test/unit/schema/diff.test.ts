import { describe, expect, it } from "vitest";
import { diffFlows, type Flow } from "../../../schema/index.js";

const flow = (): Flow => ({
  schemaVersion: 1,
  id: "demo",
  name: "Démo",
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "hello" },
    { id: "hello", type: "message", text: "Bonjour", next: "bye" },
    { id: "bye", type: "end" },
  ],
});

describe("diffFlows", () => {
  it("names added, removed and changed nodes with the fields that changed", () => {
    const after = flow();
    after.nodes = [
      { id: "start", type: "start", next: "hello" },
      { id: "hello", type: "message", text: "Salut", label: "Accueil", next: "ask" },
      { id: "ask", type: "end", text: "Au revoir" },
    ];
    expect(diffFlows(flow(), after)).toEqual({
      added: ["ask"],
      removed: ["bye"],
      changed: [{ id: "hello", fields: ["label", "next", "text"] }],
    });
  });

  it("reports flow settings as the pseudo-node (flow), and key order as nothing", () => {
    const after = flow();
    after.name = "Autre";
    after.nodes = after.nodes.map(
      (node) => Object.fromEntries(Object.entries(node).reverse()) as Flow["nodes"][number],
    );
    expect(diffFlows(flow(), after)).toEqual({ added: [], removed: [], changed: [{ id: "(flow)", fields: ["name"] }] });
  });
});
