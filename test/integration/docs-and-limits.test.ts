import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_FAILURES_ALLOWED } from "../../runtime/routes/auth.js";
import { ADMIN, type Built, build } from "./helpers.js";

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { tags?: string[]; requestBody?: { content: Record<string, { schema: unknown }> } }>
  >;
}

describe("API documentation", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(() => built.close());

  it("serves the OpenAPI UI at /api/docs", async () => {
    const page = await built.app.inject({ method: "GET", url: "/api/docs" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("swagger-ui");
    const bundle = await built.app.inject({ method: "GET", url: "/api/docs/static/swagger-ui-bundle.js" });
    expect(bundle.statusCode).toBe(200);
  });

  it("documents the REST channel and the agent routes from their schemas", async () => {
    const response = await built.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as OpenApi;
    expect(doc.openapi).toMatch(/^3\./);
    const rest = doc.paths["/api/channels/rest/messages"]?.post;
    expect(rest?.tags).toEqual(["channels"]);
    expect(rest?.requestBody?.content["application/json"]?.schema).toMatchObject({
      required: ["flowId", "from", "messageId"],
      properties: { flowId: { type: "string" }, text: { type: "string" }, choiceId: { type: "string" } },
    });
    expect(doc.paths["/api/channels/webchat/{flowId}/messages"]?.post).toBeDefined();
    const agentRoutes = [
      ["get", "/api/queues"],
      ["post", "/api/queues/{id}/claim"],
      ["get", "/api/conversations"],
      ["get", "/api/conversations/{id}"],
      ["post", "/api/conversations/{id}/reply"],
      ["post", "/api/conversations/{id}/note"],
      ["post", "/api/conversations/{id}/transfer"],
      ["post", "/api/conversations/{id}/resolve"],
      ["post", "/api/conversations/{id}/release"],
      ["get", "/api/events"],
    ] as const;
    for (const [method, path] of agentRoutes) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(["agent"]);
    }
    expect(
      doc.paths["/api/conversations/{id}/transfer"]?.post?.requestBody?.content["application/json"]?.schema,
    ).toMatchObject({
      required: ["queue", "note"],
    });
    // Pages and plumbing stay out of the API reference.
    for (const hidden of ["/healthz", "/metrics", "/widget.js", "/chat/{flowId}"])
      expect(doc.paths[hidden]).toBeUndefined();
  });
});

describe("login rate limit", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(() => built.close());

  const login = (password: string, remoteAddress = "203.0.113.7") =>
    built.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: ADMIN.email, password },
      remoteAddress,
    });

  it("refuses the next attempt from an address after too many wrong passwords, even a right one", async () => {
    // Right passwords do not count: people who log in often are never locked out by it.
    for (let i = 0; i < LOGIN_FAILURES_ALLOWED + 2; i++) expect((await login(ADMIN.password)).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_FAILURES_ALLOWED; i++) {
      const wrong = await login(`wrong-${i}`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe("BAD_CREDENTIALS");
    }
    const limited = await login("wrong-again");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("TOO_MANY_ATTEMPTS");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await login(ADMIN.password)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await login(ADMIN.password, "203.0.113.8")).statusCode).toBe(200);
  });

  it("counts a burst of simultaneous wrong passwords one by one", async () => {
    const burst = await Promise.all(
      Array.from({ length: LOGIN_FAILURES_ALLOWED + 5 }, (_, i) => login(`burst-${i}`, "203.0.113.9")),
    );
    const codes = burst.map((response) => response.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(LOGIN_FAILURES_ALLOWED);
    expect(codes.filter((code) => code === 429)).toHaveLength(5);
  });
});
