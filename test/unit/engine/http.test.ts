import { describe, expect, it } from "vitest";
import type { HttpResult } from "../../../runtime/engine/index.js";
import type { Flow } from "../../../schema/index.js";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

type HttpNode = Extract<Flow["nodes"][number], { type: "http" }>;

function lookup(extra: Partial<HttpNode> = {}) {
  return makeFlow(
    [
      { id: "start", type: "start", next: "fetch" },
      {
        id: "fetch",
        type: "http",
        method: "GET",
        url: "https://api.example.com/orders/{{ order.id }}?email={{ email }}",
        headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}", "X-Shop": "{{ shop }}" },
        responseMapping: { "order.total": "body.total", "order.status": "body.status", code: "status" },
        routes: [{ status: 404, next: "missing" }],
        next: "found",
        onError: "broken",
        ...extra,
      },
      { id: "found", type: "end", text: "Commande {{ order.status }} : {{ order.total }} €" },
      { id: "missing", type: "end", text: "Introuvable ({{ code }})" },
      { id: "broken", type: "end", text: "Service indisponible" },
    ],
    { secrets: ["CRM_TOKEN"] },
  );
}

const variables = { order: { id: "A/1 2" }, email: "léa+test@example.fr", shop: "Lyon & Co" };
const deps = () => makeDeps({ secrets: { CRM_TOKEN: "s3cr3t" } });

async function requested(flow = lookup()) {
  const conversation = new Conversation(flow, deps());
  const result = await conversation.start(variables);
  return { conversation, result };
}

const ok = (status: number, body: unknown): HttpResult => ({ ok: true, status, headers: {}, body });

describe("http node", () => {
  it("asks the shell for the request as an effect, URL-encoding values and reading secrets", async () => {
    const { result } = await requested();
    expect(result.status).toEqual({
      type: "effect",
      effect: {
        type: "http",
        id: "effect-1",
        nodeId: "fetch",
        request: {
          method: "GET",
          url: "https://api.example.com/orders/A%2F1%202?email=l%C3%A9a%2Btest%40example.fr",
          headers: { Authorization: "Bearer s3cr3t", "X-Shop": "Lyon & Co" },
          timeoutMs: 5000,
        },
      },
    });
    expect(result.state.pendingEffect).toEqual({ id: "effect-1", nodeId: "fetch" });
    expect(result.state.stack).toEqual([{ flowId: "test-flow", nodeId: "fetch" }]);
  });

  it("inserts a template that opens the URL as its base, unencoded, and encodes the values after it", async () => {
    const flow = lookup();
    const fetch = flow.nodes.find((node) => node.id === "fetch");
    if (fetch?.type !== "http") throw new Error("the fixture flow has no http node `fetch`");
    fetch.url = "{{ secrets.CRM_BASE_URL }}/customers?email={{ email }}";
    flow.secrets = ["CRM_TOKEN", "CRM_BASE_URL"];
    const conversation = new Conversation(
      flow,
      makeDeps({ secrets: { CRM_TOKEN: "s3cr3t", CRM_BASE_URL: "http://127.0.0.1:3000/sample-crm" } }),
    );
    const result = await conversation.start(variables);
    expect(result.status.type === "effect" && result.status.effect.request.url).toBe(
      "http://127.0.0.1:3000/sample-crm/customers?email=l%C3%A9a%2Btest%40example.fr",
    );
  });

  it("maps a 2xx response into variables and goes to `next`", async () => {
    const { conversation } = await requested();
    const result = await conversation.send({
      type: "effectResult",
      effectId: "effect-1",
      result: ok(200, { total: 740, status: "expédiée" }),
    });
    expect(conversation.texts).toEqual(["Commande expédiée : 740 €"]);
    expect(result.state.variables).toMatchObject({ order: { id: "A/1 2", total: 740, status: "expédiée" }, code: 200 });
    expect(result.state.pendingEffect).toBeUndefined();
  });

  it("follows a status route, still applying the mapping", async () => {
    const { conversation } = await requested();
    await conversation.send({ type: "effectResult", effectId: "effect-1", result: ok(404, { error: "not found" }) });
    expect(conversation.texts).toEqual(["Introuvable (404)"]);
  });

  it.each([
    ["a 500", ok(500, "oops")],
    ["a 302", ok(302, "")],
    ["a timeout", { ok: false, error: "timeout", message: "5000 ms" } as HttpResult],
    ["a network error", { ok: false, error: "network", message: "ECONNRESET" } as HttpResult],
    ["a refused address", { ok: false, error: "refused", message: "127.0.0.1" } as HttpResult],
  ])("goes to `onError` on %s", async (_, httpResult) => {
    const { conversation } = await requested();
    const result = await conversation.send({ type: "effectResult", effectId: "effect-1", result: httpResult });
    expect(conversation.texts).toEqual(["Service indisponible"]);
    expect(result.errors).toEqual([]);
  });

  it("goes to `onError` when the mapping fails on the response, saving nothing", async () => {
    const flow = lookup({ responseMapping: { "order.total": "body.total", "order.label": "$uppercase(body.total)" } });
    const { conversation } = await requested(flow);
    await conversation.send({ type: "effectResult", effectId: "effect-1", result: ok(200, { total: 740 }) });
    expect(conversation.texts).toEqual(["Service indisponible"]);
    expect(conversation.variables).toEqual(variables);
  });

  it("writes a JSON body with values as JSON outside strings and escaped inside them", async () => {
    const flow = lookup({
      method: "POST",
      url: "https://api.example.com/tickets",
      headers: {},
      body: '{ "name": "{{ name }}", "total": {{ total }}, "tags": {{ tags }}, "missing": {{ nothing }}, "note": "{{ note }}" }',
    });
    const conversation = new Conversation(flow, deps());
    const result = await conversation.start({ name: 'Léa "la" Pro', total: 12.5, tags: ["vip"], note: "a\\b\nc" });
    if (result.status.type !== "effect") throw new Error("expected an effect");
    const { body, headers } = result.status.effect.request;
    expect(headers).toEqual({ "Content-Type": "application/json" });
    expect(JSON.parse(body ?? "")).toEqual({
      name: 'Léa "la" Pro',
      total: 12.5,
      tags: ["vip"],
      missing: null,
      note: "a\\b\nc",
    });
  });

  it("keeps a text body as text, and a given content type, with the node's timeout", async () => {
    const flow = lookup({
      method: "POST",
      url: "https://api.example.com/sms",
      headers: { "content-type": "text/plain" },
      body: "Bonjour {{ name }}",
      timeoutMs: 1500,
    });
    const conversation = new Conversation(flow, deps());
    const result = await conversation.start({ name: '"Léa"' });
    if (result.status.type !== "effect") throw new Error("expected an effect");
    expect(result.status.effect.request).toEqual({
      method: "POST",
      url: "https://api.example.com/sms",
      headers: { "content-type": "text/plain" },
      body: 'Bonjour "Léa"',
      timeoutMs: 1500,
    });
  });

  it("refuses a result for another effect id, handing over with an UNEXPECTED_INPUT error", async () => {
    const { conversation } = await requested();
    const result = await conversation.send({ type: "effectResult", effectId: "effect-9", result: ok(200, {}) });
    expect(result.errors).toEqual([
      {
        code: "UNEXPECTED_INPUT",
        flowId: "test-flow",
        nodeId: "fetch",
        message:
          "The result of effect `effect-9` arrived while the conversation waits for effect `effect-1` of node `fetch`: it is stale or belongs to another conversation.",
      },
    ]);
    expect(result.status.type).toBe("handoff");
    expect(result.state.pendingEffect).toBeUndefined();
  });

  it("refuses a customer message while an effect is pending", async () => {
    const { conversation } = await requested();
    const result = await conversation.say("allô ?");
    expect(result.errors.map((error) => error.code)).toEqual(["UNEXPECTED_INPUT"]);
    expect(result.status.type).toBe("handoff");
  });

  it("stops with an error naming a secret the runtime does not have", async () => {
    const conversation = new Conversation(lookup(), makeDeps());
    const result = await conversation.start(variables);
    expect(result.errors).toEqual([
      {
        code: "EXPRESSION",
        flowId: "test-flow",
        nodeId: "fetch",
        message:
          "The secret `CRM_TOKEN` used in node `fetch` of flow `test-flow`, field `/headers/Authorization` is not set in the runtime: set RELAIS_SECRET_CRM_TOKEN or add it to the secrets file (RELAIS_SECRETS_FILE).",
      },
    ]);
    expect(result.status.type).toBe("handoff");
  });

  it("does not let customer-facing texts read secrets", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "leak" },
      { id: "leak", type: "end", text: "[{{ secrets.CRM_TOKEN }}]" },
    ]);
    const conversation = new Conversation(flow, deps());
    await conversation.start();
    expect(conversation.texts).toEqual(["[]"]);
  });
});
