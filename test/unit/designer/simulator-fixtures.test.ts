import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { differenceText } from "../../../designer/src/simulator/difference-words.js";
import {
  bodyFields,
  bodyOf,
  fieldValue,
  fixturesByNode,
  flowsReached,
  nodeUrlPattern,
  withFixtures,
  withNewFixture,
} from "../../../designer/src/simulator/fixture-form.js";
import { runFlowTests } from "../../../designer/src/simulator/test-run.js";
import { compileFlow } from "../../../runtime/engine/index.js";
import { runConversationTest } from "../../../runtime/testing/conversation.js";
import type { ConversationTestFile, Flow } from "../../../schema/index.js";
import type { HttpNode } from "../../../schema/nodes/http.js";

const read = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../../flows/${name}`, import.meta.url), "utf8"));
const orderStatus = read<Flow>("order-status.flow.json");
const orderTests = read<ConversationTestFile>("order-status.test.json");
const identify = read<Flow>("identify-customer.flow.json");
const others = new Map([[identify.id, identify]]);
const standIns = { CRM_BASE_URL: "https://crm.test", CRM_TOKEN: "test-token" };

describe("test responses grouped by the HTTP node that calls them", () => {
  const lookup: HttpNode = {
    id: "find",
    type: "http",
    method: "GET",
    url: "{{ secrets.CRM_BASE_URL }}/orders/{{ orderNumber }}",
  };

  it("reads a node's URLs as a pattern: secrets as stand-ins, other values as *", () => {
    expect(nodeUrlPattern(lookup, standIns)).toBe("https://crm.test/orders/*");
    expect(nodeUrlPattern({ ...lookup, url: "{{ unclosed" }, standIns)).toBe("{{ unclosed");
  });

  it("puts each fixture under the node whose URLs it matches, in file order", () => {
    const { nodes, others: unclaimed } = fixturesByNode(
      flowsReached(orderStatus, others),
      orderTests.http ?? [],
      standIns,
    );
    const byNode = Object.fromEntries(nodes.map((group) => [group.node.id, group.fixtures.map((f) => f.index)]));
    const orders = nodes.find((group) => group.fixtures.some(({ fixture }) => fixture.url.includes("/orders/")));
    expect(orders?.fixtures.map(({ fixture }) => fixture.url).at(-1)).toBe("https://crm.test/orders/*");
    expect(byNode.lookup?.length).toBeGreaterThan(0);
    expect(nodes.find((group) => group.node.id === "lookup")?.flow.id).toBe("identify-customer");
    expect(Object.values(byNode).flat().length + unclaimed.length).toBe(orderTests.http?.length);
  });

  it("adds a new answer before the node's catch-all, so it is tried first", () => {
    const fixtures = [
      { url: "https://crm.test/customers?email=*", body: {} },
      { url: "https://crm.test/orders/*", status: 404 },
    ];
    const flow = { ...orderStatus, nodes: [lookup] };
    const group = fixturesByNode([flow], fixtures, standIns).nodes[0];
    if (!group) throw new Error("no group");
    expect(withNewFixture(fixtures, group)).toEqual([
      fixtures[0],
      { url: "https://crm.test/orders/*", body: {} },
      fixtures[1],
    ]);
  });

  it("reads body fields as typed: numbers, booleans and JSON as values, the rest as text", () => {
    expect(fieldValue("740")).toBe(740);
    expect(fieldValue("false")).toBe(false);
    expect(fieldValue('{"a":1}')).toEqual({ a: 1 });
    expect(fieldValue("CMD-100001")).toBe("CMD-100001");
    expect(fieldValue("0612")).toBe("0612");
    expect(bodyFields({ total: 740, label: "Expédiée", lines: [1] })).toEqual([
      ["total", "740"],
      ["label", "Expédiée"],
      ["lines", "[1]"],
    ]);
    expect(bodyFields("plain text")).toBeUndefined();
    expect(
      bodyOf([
        ["total", "740"],
        ["", "dropped"],
        ["label", "Expédiée"],
      ]),
    ).toEqual({ total: 740, label: "Expédiée" });
  });
});

describe("the test file the fixture form writes", () => {
  it("replaces the shared fixtures, drops an empty list, and starts a new file with its $schema", () => {
    const fixture = { url: "https://crm.test/x", status: 500 };
    expect(withFixtures("order-status", orderTests, [fixture]).http).toEqual([fixture]);
    expect(withFixtures("order-status", orderTests, [])).not.toHaveProperty("http");
    expect(withFixtures("new-flow", null, [fixture])).toEqual({
      $schema: "../schema/conversation-test.schema.json",
      flow: "new-flow",
      tests: [],
      http: [fixture],
    });
  });
});

describe("running a flow's tests in the designer", () => {
  it("gives the same verdicts as `relais test` and lists the nodes no test visits", async () => {
    const run = await runFlowTests(orderStatus, others, orderTests);
    expect(run.results.map((r) => r.passed)).toEqual(orderTests.tests.map(() => true));
    const ids = new Set(orderStatus.nodes.map((node) => node.id));
    for (const id of run.untested) expect(ids.has(id)).toBe(true);
  });

  it("marks a node no test reaches", async () => {
    const flow: Flow = {
      ...orderStatus,
      nodes: [...orderStatus.nodes, { id: "orphan-end", type: "end" }],
    };
    const run = await runFlowTests(flow, others, orderTests);
    expect(run.untested).toContain("orphan-end");
  });

  it("says the first difference as data when a test fails", async () => {
    const flows = new Map([orderStatus, identify].map((flow) => [flow.id, compileFlow(flow)]));
    const test = { name: "wrong greeting", steps: [{ kind: "bot" as const, text: "Texte que le bot ne dit jamais" }] };
    const result = await runConversationTest({ ...orderTests, tests: [test] }, test, { flows });
    expect(result.passed).toBe(false);
    expect(result.difference).toMatchObject({ step: 1, kind: "botSaid", expected: "Texte que le bot ne dit jamais" });
    expect(result.failures[0]).toContain("expected the bot to say");
    // Node has no French browser: the words come in English here, in French in a French browser.
    expect(result.difference && differenceText(result.difference)).toMatch(
      /^Step 1: the bot should have said “Texte que le bot ne dit jamais”; it said: “.+”/,
    );
  });
});
