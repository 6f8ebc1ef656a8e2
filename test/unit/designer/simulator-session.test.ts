import { describe, expect, it } from "vitest";
import { fixtureFor, fixturesOf, stepsOf, withTest } from "../../../designer/src/simulator/session.js";
import { secretStandIns } from "../../../runtime/testing/fixtures.js";
import { validateConversationTests } from "../../../schema/index.js";

const request = (url: string, method: "GET" | "POST" = "GET") => ({ method, url, headers: {}, timeoutMs: 5000 });

describe("simulator fixtures and tests", () => {
  const tests = {
    flow: "order-status",
    http: [{ url: "https://crm.example/orders/*", body: { status: "shipped" } }],
    tests: [
      {
        name: "not found",
        http: [
          { method: "POST", url: "https://crm.example/search", status: 404 },
          { url: "https://down.example/*", error: "timeout" as const },
        ],
        steps: [{ kind: "end" as const }],
      },
    ],
  };

  it("answers a request from the first matching fixture, by method and URL with `*`", () => {
    expect(fixtureFor(tests, request("https://crm.example/orders/CMD-1"))).toEqual({
      ok: true,
      status: 200,
      headers: {},
      body: { status: "shipped" },
    });
    expect(fixtureFor(tests, request("https://crm.example/search", "POST"))).toMatchObject({ ok: true, status: 404 });
    expect(fixtureFor(tests, request("https://crm.example/search"))).toBeUndefined();
    expect(fixtureFor(tests, request("https://down.example/x"))).toMatchObject({ ok: false, error: "timeout" });
    expect(fixtureFor(null, request("https://crm.example/orders/1"))).toBeUndefined();
  });

  it("turns a session into a valid conversation test appended to the file", () => {
    const steps = [
      ...stepsOf(
        { type: "start" },
        { outputs: [{ nodeId: "greet", text: "Bonjour" }], status: { type: "wait", nodeId: "ask" } },
      ),
      ...stepsOf(
        { type: "text", text: "un humain" },
        {
          outputs: [],
          status: {
            type: "handoff",
            handoff: {
              queue: "support",
              priority: "normal",
              reason: {
                ruleId: "asks-for-person",
                kind: "humanRequest",
                values: { text: "un humain", keyword: "humain" },
              },
              summary: {},
              flowId: "order-status",
              nodeId: "ask",
            },
          },
        },
      ),
    ];
    expect(steps).toEqual([
      { kind: "bot", text: "Bonjour" },
      { kind: "user", text: "un humain" },
      { kind: "handoff", queue: "support", rule: "asks-for-person" },
    ]);
    const file = withTest("order-status", tests, { name: "simulateur", language: "en", steps });
    expect(file.tests.map((test) => test.name)).toEqual(["not found", "simulateur"]);
    expect(file.tests[1]?.language).toBe("en");
    expect(validateConversationTests(file, "order-status.test.json").ok).toBe(true);
    expect(withTest("fresh", null, { name: "first", steps }).flow).toBe("fresh");
  });

  it("keeps what the network answered as fixtures, so a saved test replays without calling anything", () => {
    const fixtures = fixturesOf([
      {
        request: request("https://crm.example/orders/A1"),
        result: { ok: true, status: 200, headers: {}, body: { status: "shipped" } },
        from: "network",
      },
      {
        request: request("https://crm.example/orders", "POST"),
        result: { ok: true, status: 404, headers: {}, body: null },
        from: "network",
      },
      {
        request: request("https://crm.example/slow"),
        result: { ok: false, error: "timeout", message: "took too long" },
        from: "network",
      },
      {
        request: request("https://crm.example/orders/A2"),
        result: { ok: true, status: 200, headers: {}, body: {} },
        from: "fixture",
      },
    ]);
    expect(fixtures).toEqual([
      { url: "https://crm.example/orders/A1", body: { status: "shipped" } },
      { method: "POST", url: "https://crm.example/orders", status: 404, body: null },
      { url: "https://crm.example/slow", error: "timeout" },
    ]);
    const file = withTest("order-status", null, { name: "replay", http: fixtures, steps: [{ kind: "end" }] });
    expect(validateConversationTests(file, "order-status.test.json").ok).toBe(true);
  });

  it("gives secrets the stand-ins `relais test` gives them", () => {
    expect(
      secretStandIns(["CRM_BASE_URL", "CRM_TOKEN"], { ...tests, secrets: { CRM_BASE_URL: "https://crm.test" } }),
    ).toEqual({
      CRM_BASE_URL: "https://crm.test",
      CRM_TOKEN: "test-crm-token",
    });
    expect(secretStandIns(["API_KEY"], null)).toEqual({ API_KEY: "test-api-key" });
  });
});
