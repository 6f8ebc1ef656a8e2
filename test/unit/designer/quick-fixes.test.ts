import { describe, expect, it } from "vitest";
import { perform } from "../../../designer/src/model/commands.js";
import type { FlowDocument } from "../../../designer/src/model/document.js";
import { record, startHistory, undo } from "../../../designer/src/model/history.js";
import { quickFixFor } from "../../../designer/src/problems/quick-fixes.js";
import { type Flow, lintFlow, type Problem, validateFlow } from "../../../schema/index.js";

const FILE = "orders.flow.json";

const flow = (): Flow => ({
  schemaVersion: 1,
  id: "orders",
  name: "Commandes",
  languages: ["fr"],
  variables: { orderId: { type: "string" } },
  secrets: ["CRM_TOKEN"],
  nodes: [
    { id: "start", type: "start", next: "ask-order" },
    {
      id: "ask-order",
      type: "question",
      label: "Demander la commande",
      text: "Votre numéro de commande ?",
      input: { kind: "number" },
      saveAs: "orderNumber",
      maxAttempts: 3,
      next: "lookup",
    },
    {
      id: "lookup",
      type: "http",
      method: "GET",
      url: "https://crm.example/orders/{{ orderNumber }}",
      headers: { Authorization: "Bearer {{ secrets.CRM_TOKN }}" },
      next: "bye",
      onError: "by",
    },
    { id: "bye", type: "end", text: "Merci" },
  ],
});

const docOf = (f: Flow): FlowDocument => ({
  flow: f,
  layout: {
    flow: f.id,
    nodes: { start: { x: 0, y: 0 }, "ask-order": { x: 300, y: 0 }, lookup: { x: 600, y: 0 }, bye: { x: 900, y: 0 } },
  },
});

const problems = (d: FlowDocument) => lintFlow(d.flow, FILE);
const find = (d: FlowDocument, code: string): Problem => {
  const found = problems(d).find((problem) => problem.code === code);
  if (!found) throw new Error(`no ${code} in ${JSON.stringify(problems(d).map((p) => p.code))}`);
  return found;
};

/** Applies the problem's quick fix through the history, as the panel's button does. */
function fix(d: FlowDocument, code: string) {
  const quick = quickFixFor(find(d, code), d);
  if (!quick) throw new Error(`no quick fix for ${code}`);
  const history = record(startHistory(d), quick.command);
  return { quick, fixed: history.present, undone: undo(history).present };
}

describe("quick fixes", () => {
  it("declares an undeclared variable, as a number when a number question saves it, and undoes", () => {
    const d = docOf(flow());
    const { quick, fixed, undone } = fix(d, "lint/undeclared-variable");
    expect(quick).toMatchObject({ label: "fix.declareVariable", values: { variable: "orderNumber" } });
    expect(fixed.flow.variables).toEqual({ orderId: { type: "string" }, orderNumber: { type: "number" } });
    expect(problems(fixed).filter((p) => p.code === "lint/undeclared-variable")).toEqual([]);
    expect(undone).toEqual(d);
  });

  it("declares what an HTTP step saves as a record (a whole body, fields of it) or a number (its status)", () => {
    const f = flow();
    const lookup = f.nodes.find((node) => node.id === "lookup");
    if (lookup?.type !== "http") throw new Error("the sample has no HTTP step");
    lookup.responseMapping = { order: "body", "customer.tier": "body.tier", httpStatus: "status", note: "body.note" };
    const d = docOf(f);
    const declared = Object.fromEntries(
      problems(d)
        .filter((problem) => problem.code === "lint/undeclared-variable")
        .map((problem) => {
          const quick = quickFixFor(problem, d);
          const variable = String(problem.params?.variable);
          if (quick?.command.type !== "updateFlow") throw new Error(`no declaration for ${variable}`);
          return [variable, quick.command.flow.variables?.[variable]?.type];
        }),
    );
    expect(declared).toMatchObject({ order: "object", customer: "object", httpStatus: "number", note: "string" });
  });

  it("adds a secret the flow reads but does not list", () => {
    const d = docOf(flow());
    const { quick, fixed } = fix(d, "lint/unknown-secret");
    expect(quick.values).toEqual({ secret: "CRM_TOKN" });
    expect(fixed.flow.secrets).toEqual(["CRM_TOKEN", "CRM_TOKN"]);
    expect(validateFlow(fixed.flow, FILE).ok).toBe(true);
  });

  it("hands over to a person after too many attempts: a new handoff step, placed clear of the others, connected", () => {
    const d = docOf(flow());
    const { fixed, undone } = fix(d, "lint/no-path-after-max-attempts");
    const ask = fixed.flow.nodes.find((node) => node.id === "ask-order");
    expect(ask).toMatchObject({ onMaxAttempts: "handoff" });
    expect(fixed.flow.nodes.find((node) => node.id === "handoff")).toMatchObject({ type: "handoff" });
    const at = fixed.layout.nodes.handoff;
    expect(at?.y).toBeGreaterThan(0);
    expect(problems(fixed).map((p) => p.code)).not.toContain("lint/no-path-after-max-attempts");
    expect(validateFlow(fixed.flow, FILE).ok).toBe(true);
    expect(undone).toEqual(d);
  });

  it("connects a way out to the id it was probably meant for", () => {
    const d = docOf(flow());
    const { quick, fixed } = fix(d, "lint/missing-target");
    expect(quick.values).toEqual({ suggestion: "bye" });
    expect(fixed.flow.nodes.find((node) => node.id === "lookup")).toMatchObject({ onError: "bye" });
  });

  it("offers nothing where a person must decide", () => {
    const d = docOf(flow());
    const unreachable = perform(d, { type: "addNode", nodeType: "end", position: { x: 0, y: 600 } });
    expect(quickFixFor(find(unreachable, "lint/unreachable-node"), unreachable)).toBeUndefined();
  });
});
