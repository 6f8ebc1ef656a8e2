import { describe, expect, it } from "vitest";
import { redactSecrets, renderNodeRequest } from "../../../runtime/testing/node-request.js";
import type { Flow } from "../../../schema/index.js";

const flow: Flow = {
  schemaVersion: 1,
  id: "crm",
  name: "CRM",
  languages: ["fr"],
  secrets: ["CRM_BASE_URL", "CRM_TOKEN"],
  escalation: {
    defaultQueue: "support",
    rules: [{ id: "big", kind: "value", when: "order.total >= 500", queue: "priority", priority: "high" }],
  },
  nodes: [
    { id: "start", type: "start", next: "find" },
    {
      id: "find",
      type: "http",
      method: "POST",
      url: "{{ secrets.CRM_BASE_URL }}/orders/{{ order.number }}",
      headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}" },
      body: '{"note": {{ note }}}',
      next: "end",
      onError: "end",
    },
    { id: "end", type: "end" },
  ],
};
const secrets = { CRM_BASE_URL: "https://crm.example", CRM_TOKEN: "t/0k en" };

describe("one HTTP node's request, rendered by the engine", () => {
  it("fills templates with the variables and secrets, as live traffic would", async () => {
    const rendered = await renderNodeRequest(
      flow,
      "find",
      { order: { number: "CMD 1", total: 900 }, note: 'dit "vite"' },
      secrets,
    );
    expect(rendered).toEqual({
      ok: true,
      request: {
        method: "POST",
        url: "https://crm.example/orders/CMD%201",
        headers: { Authorization: "Bearer t/0k en", "Content-Type": "application/json" },
        body: '{"note": "dit \\"vite\\""}',
        timeoutMs: 5000,
      },
    });
  });

  it("says what is missing instead of sending an empty token", async () => {
    const rendered = await renderNodeRequest(flow, "find", { order: { number: "1" } }, { CRM_BASE_URL: "x" });
    expect(rendered.ok).toBe(false);
    expect(!rendered.ok && rendered.message).toContain("CRM_TOKEN");
    const notHttp = await renderNodeRequest(flow, "end", {}, secrets);
    expect(notHttp).toEqual({ ok: false, message: "Flow `crm` has no HTTP node `end`." });
  });

  it("writes every secret value back as its name, URL-encoded forms included, in keys and nested values", () => {
    const shown = redactSecrets(
      {
        url: "https://crm.example/x?t=t%2F0k%20en",
        headers: { Authorization: "Bearer t/0k en" },
        body: [{ "t/0k en": 1, nested: { base: "https://crm.example" } }, 42, null],
      },
      secrets,
    );
    expect(shown).toEqual({
      url: "{{ secrets.CRM_BASE_URL }}/x?t={{ secrets.CRM_TOKEN }}",
      headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}" },
      body: [{ "{{ secrets.CRM_TOKEN }}": 1, nested: { base: "{{ secrets.CRM_BASE_URL }}" } }, 42, null],
    });
    expect(redactSecrets("nothing here", { EMPTY: "" })).toBe("nothing here");
  });
});
