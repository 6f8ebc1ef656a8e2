import { describe, expect, it } from "vitest";
import {
  httpFieldContext,
  nestedVariables,
  requestInputs,
  responsePath,
  suggestedVariable,
} from "../../../designer/src/inspector/http-test.js";
import type { Flow } from "../../../schema/index.js";
import type { HttpNode } from "../../../schema/nodes/http.js";

const node: HttpNode = {
  id: "find",
  type: "http",
  method: "GET",
  url: "{{ secrets.CRM_BASE_URL }}/orders/{{ order.number }}?lang={{ $lowercase(language) }}",
  headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}", "X-Customer": "{{ customer.id }}" },
};

describe("the inspector's request test", () => {
  it("asks for a sample of each variable the request reads, never for the secrets", () => {
    expect(requestInputs(node)).toEqual(["order.number", "language", "customer.id"]);
    expect(requestInputs({ ...node, url: "{{ oops", headers: {} })).toEqual([]);
  });

  it("turns sample paths into the conversation's variables", () => {
    expect(nestedVariables({ "order.number": "CMD-1", "order.total": 5, email: "a@b.fr" })).toEqual({
      order: { number: "CMD-1", total: 5 },
      email: "a@b.fr",
    });
  });

  it("writes the JSONata of a clicked field and suggests a variable named after it", () => {
    expect(responsePath(["body", "customer", "email"])).toBe("body.customer.email");
    expect(responsePath(["body", "orders", 0, "total"])).toBe("body.orders[0].total");
    expect(responsePath(["body", "first-name"])).toBe("body.`first-name`");
    expect(suggestedVariable(["body", "customer", "email"])).toBe("email");
    expect(suggestedVariable(["body", "orders", 0])).toBe("orders");
    expect(suggestedVariable(["body", "date de livraison"])).toBe("dateDeLivraison");
    expect(suggestedVariable(["body", "2fa"])).toBe("value2fa");
    expect(suggestedVariable(["body"])).toBe("value");
  });

  it("offers the flow's secrets in the URL, headers and body of HTTP nodes only", () => {
    const flow = { secrets: ["CRM_TOKEN"] } as Flow;
    const context = { languages: ["fr"], variables: ["email"], queues: [], flows: [], types: {} };
    expect(httpFieldContext(flow, "http", "url", context).variables).toEqual(["email", "secrets.CRM_TOKEN"]);
    expect(httpFieldContext(flow, "http", "headers", context).variables).toContain("secrets.CRM_TOKEN");
    expect(httpFieldContext(flow, "http", "responseMapping", context)).toBe(context);
    expect(httpFieldContext(flow, "message", "text", context)).toBe(context);
  });
});
