import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login } from "./helpers.js";
import { documentedUnder, expectContract, type OpenApi, type Route } from "./openapi-contract.js";

const period = ["version", "from", "to", "abandonAfterMinutes"];
const handshake = ["hub.mode", "hub.verify_token", "hub.challenge"];

/** Each route of the flows, simulator, analytics, ops, REST channel and webhook plugins, with every status it answers. */
const ROUTES: Route[] = [
  { method: "get", path: "/api/flows", statuses: [200, 400, 401, 403, 500, 503] },
  { method: "post", path: "/api/flows", body: true, statuses: [201, 400, 401, 403, 404, 409, 413, 415, 422, 500, 503] },
  { method: "get", path: "/api/flows/{id}", statuses: [200, 400, 401, 403, 404, 500, 503] },
  { method: "get", path: "/api/flows/{id}/channels", statuses: [200, 400, 401, 403, 404, 500, 503] },
  { method: "put", path: "/api/flows/{id}", body: true, statuses: [200, 400, 401, 403, 409, 413, 415, 500, 503] },
  { method: "delete", path: "/api/flows/{id}", statuses: [204, 400, 401, 403, 404, 500, 503] },
  {
    method: "put",
    path: "/api/flows/{id}/layout",
    body: true,
    statuses: [200, 400, 401, 403, 404, 409, 413, 415, 500, 503],
  },
  { method: "put", path: "/api/flows/{id}/tests", body: true, statuses: [200, 400, 401, 403, 404, 413, 415, 500, 503] },
  {
    method: "post",
    path: "/api/flows/{id}/publish",
    body: true,
    statuses: [201, 400, 401, 403, 404, 409, 413, 415, 422, 500, 503],
  },
  { method: "get", path: "/api/flows/{id}/versions", statuses: [200, 400, 401, 403, 500, 503] },
  { method: "get", path: "/api/flows/{id}/versions/{version}", statuses: [200, 400, 401, 403, 404, 500, 503] },
  {
    method: "post",
    path: "/api/flows/{id}/rollback",
    body: true,
    statuses: [200, 400, 401, 403, 404, 413, 415, 500, 503],
  },
  {
    method: "get",
    path: "/api/flows/{id}/diff",
    query: ["from", "to"],
    statuses: [200, 400, 401, 403, 404, 422, 500, 503],
  },
  { method: "get", path: "/api/flows/{id}/analytics", query: period, statuses: [200, 400, 401, 403, 404, 500, 503] },
  {
    method: "get",
    path: "/api/flows/{id}/analytics.csv",
    query: period,
    statuses: [200, 400, 401, 403, 404, 500, 503],
  },
  {
    method: "get",
    path: "/api/flows/{id}/analytics/compare",
    query: [...period, "with"],
    statuses: [200, 400, 401, 403, 404, 500, 503],
  },
  {
    method: "get",
    path: "/api/flows/{id}/analytics/compare.csv",
    query: [...period, "with"],
    statuses: [200, 400, 401, 403, 404, 500, 503],
  },
  { method: "post", path: "/api/simulator/http", body: true, statuses: [200, 400, 401, 403, 413, 415, 422, 500, 503] },
  { method: "get", path: "/api/secrets/status", query: ["names"], statuses: [200, 400, 401, 403, 500, 503] },
  { method: "get", path: "/api/inbox/dead-letters", query: ["limit"], statuses: [200, 400, 401, 403, 500, 503] },
  { method: "delete", path: "/api/customers/{channel}/{address}", statuses: [200, 400, 401, 403, 500, 503] },
  {
    method: "post",
    path: "/api/channels/rest/messages",
    body: true,
    statuses: [200, 400, 401, 403, 404, 413, 415, 500, 503],
  },
  ...["whatsapp", "messenger"].flatMap((channel): Route[] => [
    { method: "get", path: `/webhooks/${channel}`, query: handshake, statuses: [200, 400, 403, 404, 500, 503] },
    { method: "post", path: `/webhooks/${channel}`, body: true, statuses: [200, 400, 401, 404, 413, 415, 500, 503] },
  ]),
  { method: "post", path: "/webhooks/twilio", body: true, statuses: [200, 400, 401, 404, 413, 415, 500, 503] },
  { method: "get", path: "/api/channel-settings", statuses: [200, 401, 403, 500, 503] },
  ...["whatsapp", "messenger", "sms"].map(
    (channel): Route => ({
      method: "put",
      path: `/api/channel-settings/${channel}`,
      body: true,
      statuses: [200, 400, 401, 403, 413, 415, 500, 503],
    }),
  ),
  { method: "delete", path: "/api/channel-settings/{channel}", statuses: [200, 400, 401, 403, 500, 503] },
  { method: "get", path: "/api/presence/me", statuses: [200, 400, 401, 403, 500, 503] },
  { method: "put", path: "/api/presence/me", body: true, statuses: [200, 400, 401, 403, 413, 415, 500, 503] },
  { method: "get", path: "/api/presence", statuses: [200, 400, 401, 403, 500, 503] },
  { method: "get", path: "/api/routing", statuses: [200, 400, 401, 403, 500, 503] },
  {
    method: "put",
    path: "/api/queues/{id}/routing",
    body: true,
    statuses: [200, 400, 401, 403, 404, 413, 415, 500, 503],
  },
  {
    method: "get",
    path: "/api/search",
    query: ["q", "status", "queue", "agent", "channel", "from", "to", "limit"],
    statuses: [200, 400, 401, 403, 500, 503],
  },
  { method: "get", path: "/api/conversations/{id}/customer-history", statuses: [200, 400, 401, 403, 404, 500, 503] },
  {
    method: "get",
    path: "/api/reports/team",
    query: ["from", "timezone", "to"],
    statuses: [200, 400, 401, 403, 500, 503],
  },
  {
    method: "get",
    path: "/api/reports/team.csv",
    query: ["from", "timezone", "to"],
    statuses: [200, 400, 401, 403, 500, 503],
  },
];

/** Every documented route under these paths must be in ROUTES: a new one comes with its contract. */
const PREFIXES = [
  "/api/flows",
  "/api/simulator",
  "/api/secrets",
  "/api/inbox",
  "/api/customers",
  "/api/channels/rest",
  "/webhooks",
  "/api/channel-settings",
  "/api/presence",
  "/api/routing",
  "/api/queues/{id}/routing",
  "/api/search",
  "/api/conversations/{id}/customer-history",
  "/api/reports",
];

describe("the API contract in /api/docs", () => {
  let built: Built;
  let doc: OpenApi;
  beforeAll(async () => {
    built = await build();
    const response = await built.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    doc = response.json() as OpenApi;
  });
  afterAll(() => built.close());

  it("lists every route of these plugins, and no route there without its contract", () => {
    const documented = documentedUnder(doc, PREFIXES);
    expect(documented.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s declares its path, query and body, and each status it answers",
    (_name, route) => expectContract(doc, route),
  );

  it("keeps the hidden plumbing answering as before", async () => {
    const health = await built.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok", database: "sqlite" });
    const metrics = await built.app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers["content-type"]).toMatch(/^text\/plain/);
    expect(metrics.body).toContain("# HELP");
    for (const [page, target] of [
      ["/agent", "/#/agent"],
      ["/admin", "/#/admin/team"],
    ]) {
      const redirect = await built.app.inject({ method: "GET", url: page });
      expect(redirect.statusCode).toBe(302);
      expect(redirect.headers.location).toBe(target);
    }
  });

  it("answers an error in the envelope it documents, its problems included", async () => {
    const refused = await built.app.inject({ method: "GET", url: "/healthz?x=%00" });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: {
        code: "BAD_REQUEST",
        problems: [{ code: "request/unstorable-text", file: "querystring", pointer: "/x" }],
      },
    });
  });

  it("reads a number written in a query string, and never takes a number for a text in a body", async () => {
    const cookie = await login(built.app, ADMIN.email, ADMIN.password);
    const get = (url: string) => built.app.inject({ method: "GET", url, headers: { cookie } });
    expect((await get("/api/inbox/dead-letters?limit=2")).statusCode).toBe(200);
    expect((await get("/api/search?q=dupont&limit=20")).statusCode).toBe(200);
    const notANumber = await get("/api/inbox/dead-letters?limit=deux");
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json()).toMatchObject({
      error: { problems: [{ code: "request/type", file: "querystring", pointer: "/limit" }] },
    });
    const numberForText = await built.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: 5, password: ADMIN.password },
    });
    expect(numberForText.statusCode).toBe(400);
    expect(numberForText.json()).toMatchObject({
      error: { problems: [{ code: "request/type", file: "body", pointer: "/email" }] },
    });
  });

  it("keeps every field the designer reads through the serialisation", async () => {
    const cookie = await login(built.app, ADMIN.email, ADMIN.password);
    const get = async (url: string) => {
      const response = await built.app.inject({ method: "GET", url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      return response.json();
    };
    const summary = ((await get("/api/flows")) as { id: string }[]).find((flow) => flow.id === "echo");
    expect(Object.keys(summary ?? {}).sort()).toEqual(
      ["changed", "draftHash", "id", "languages", "live", "name", "nodeCount", "problems"].sort(),
    );
    expect(summary).toMatchObject({ live: { version: 1, hash: expect.any(String), publishedAt: expect.any(Number) } });
    const file = await get("/api/flows/echo");
    expect(Object.keys(file).sort()).toEqual(["flow", "id", "layout", "problems", "raw", "revision", "tests"]);
    expect(Object.keys(file.revision).sort()).toEqual(["id", "savedAt", "savedBy"]);
    expect(file.flow).toEqual(JSON.parse(file.raw));
    const [version] = await get("/api/flows/echo/versions");
    expect(Object.keys(version).sort()).toEqual(["author", "createdAt", "hash", "live", "note", "version"]);
    const published = await get("/api/flows/echo/versions/1");
    expect(published.flow).toEqual(file.flow);
  });
});
