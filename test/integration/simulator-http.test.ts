import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, userWithRole } from "./helpers.js";

const TOKEN = "tok-5ecret-Value-42";

/** A local CRM speaking plain HTTP/JSON; it answers only callers with the right bearer token. */
function startCrm(seen: IncomingHttpHeaders[]): Promise<Server> {
  const server = createServer((request, response) => {
    seen.push(request.headers);
    const url = new URL(request.url ?? "/", "http://crm");
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: "unauthorized" });
    if (url.pathname === "/customers") {
      return json(200, { email: url.searchParams.get("email"), customer: { firstName: "Camille", tier: "gold" } });
    }
    if (url.pathname === "/echo") return json(200, { youSent: request.headers.authorization });
    json(404, { error: "not_found" });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const lookupFlow = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  id: "lookup-test",
  name: "Recherche",
  languages: ["fr"],
  secrets: ["CRM_BASE_URL", "CRM_TOKEN"],
  escalation: {
    defaultQueue: "support",
    rules: [{ id: "vip", kind: "value", when: 'tier = "vip"', queue: "support", priority: "high" }],
  },
  nodes: [
    { id: "start", type: "start", next: "lookup" },
    {
      id: "lookup",
      type: "http",
      method: "GET",
      url: "{{ secrets.CRM_BASE_URL }}/customers?email={{ email }}",
      headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}" },
      next: "done",
      onError: "done",
      ...overrides,
    },
    { id: "done", type: "end" },
  ],
});

describe("designer's HTTP route: a node's request run with the server's secrets", () => {
  let built: Built;
  let crm: Server;
  let base: string;
  let editor: string;
  let agent: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    crm = await startCrm(seen);
    base = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
    // Named both ways, so the test holds whether secrets are read by their own name or in a reserved space.
    built = await build({
      CRM_BASE_URL: base,
      CRM_TOKEN: TOKEN,
      RELAIS_SECRET_CRM_BASE_URL: base,
      RELAIS_SECRET_CRM_TOKEN: TOKEN,
      RELAIS_HTTP_ALLOW: "127.0.0.1",
    });
    editor = await userWithRole(built.app, "editor", "sim-editor");
    agent = await userWithRole(built.app, "agent", "sim-agent");
  });
  afterAll(async () => {
    await built.close();
    await new Promise((resolve) => crm.close(resolve));
  });

  const run = (body: object, cookie = editor) =>
    built.app.inject({ method: "POST", url: "/api/simulator/http", headers: { cookie }, payload: body });

  it("sends the request with the real secrets and shows them only by name", async () => {
    const response = await run({
      flow: lookupFlow(),
      nodeId: "lookup",
      variables: { email: "camille@example.fr", tier: "vip" },
    });
    expect(response.statusCode).toBe(200);
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(response.json()).toEqual({
      request: {
        method: "GET",
        url: "{{ secrets.CRM_BASE_URL }}/customers?email=camille%40example.fr",
        headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}" },
      },
      result: {
        ok: true,
        status: 200,
        headers: expect.any(Object),
        body: { email: "camille@example.fr", customer: { firstName: "Camille", tier: "gold" } },
      },
    });
    expect(response.body).not.toContain(TOKEN);
    expect(response.body).not.toContain(base);
  });

  it("hides a secret the service echoes back", async () => {
    const response = await run({
      flow: lookupFlow({ url: "{{ secrets.CRM_BASE_URL }}/echo" }),
      nodeId: "lookup",
      variables: {},
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().result.body).toEqual({ youSent: "Bearer {{ secrets.CRM_TOKEN }}" });
    expect(response.body).not.toContain(TOKEN);
  });

  it("goes through the guarded client: private addresses stay refused", async () => {
    const response = await run({
      flow: lookupFlow({ url: "http://169.254.169.254/latest/meta-data" }),
      nodeId: "lookup",
      variables: {},
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().result).toMatchObject({ ok: false, error: "refused" });
  });

  it("says which secret the server lacks, and which node or flow is wrong", async () => {
    const flow = lookupFlow({ headers: { "X-Key": "{{ secrets.NOT_SET_ANYWHERE }}" } });
    flow.secrets.push("NOT_SET_ANYWHERE");
    const missing = await run({ flow, nodeId: "lookup", variables: {} });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: "REQUEST_NOT_BUILT" });
    expect(missing.json().error.message).toContain("NOT_SET_ANYWHERE");

    const undeclared = await run({
      flow: lookupFlow({ headers: { "X-Key": "{{ secrets.NOT_DECLARED }}" } }),
      nodeId: "lookup",
      variables: {},
    });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().error).toMatchObject({
      code: "UNDECLARED_SECRET",
      problems: [{ code: "lint/unknown-secret", nodeId: "lookup", params: { secret: "NOT_DECLARED" } }],
    });

    const notHttp = await run({ flow: lookupFlow(), nodeId: "done", variables: {} });
    expect(notHttp.statusCode).toBe(422);
    expect(notHttp.json().error.message).toContain("`done`");

    const invalid = await run({ flow: { id: "lookup-test", nodes: "no" }, nodeId: "lookup", variables: {} });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe("INVALID_FLOW");
    expect(invalid.json().error.problems.length).toBeGreaterThan(0);
  });

  it("is for editors", async () => {
    expect((await run({ flow: lookupFlow(), nodeId: "lookup", variables: {} }, agent)).statusCode).toBe(403);
  });

  it("answers set or unset per secret name, never a value", async () => {
    const response = await built.app.inject({
      method: "GET",
      url: "/api/secrets/status?names=CRM_TOKEN,CRM_BASE_URL,NOT_SET_ANYWHERE",
      headers: { cookie: editor },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      secrets: [
        { name: "CRM_TOKEN", set: true },
        { name: "CRM_BASE_URL", set: true },
        { name: "NOT_SET_ANYWHERE", set: false },
      ],
    });
    expect(response.body).not.toContain(TOKEN);
    expect(response.body).not.toContain(base);
    const bad = await built.app.inject({
      method: "GET",
      url: "/api/secrets/status?names=lower-case",
      headers: { cookie: editor },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("documents both routes in OpenAPI with their schemas", async () => {
    const doc = (await built.app.inject({ method: "GET", url: "/api/docs/json" })).json();
    const simulate = doc.paths["/api/simulator/http"].post;
    expect(simulate.requestBody.content["application/json"].schema.required).toEqual(["flow", "nodeId", "variables"]);
    expect(simulate.responses["200"].content["application/json"].schema.properties).toHaveProperty("request");
    const status = doc.paths["/api/secrets/status"].get;
    expect(status.parameters).toContainEqual(expect.objectContaining({ name: "names", in: "query" }));
    expect(status.responses["200"]).toBeDefined();
  });
});
