import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, userWithRole } from "./helpers.js";

const uuid = "00000000-0000-4000-8000-000000000000";

/** One route per family and the least role it needs. */
const routes: { method: "GET" | "POST" | "PUT"; url: string; needs: "agent" | "editor" | "admin"; payload?: object }[] =
  [
    { method: "GET", url: "/api/flows", needs: "agent" },
    { method: "GET", url: "/api/flows/echo/versions", needs: "agent" },
    { method: "PUT", url: "/api/flows/echo/layout", needs: "editor", payload: { layout: { flow: "echo", nodes: {} } } },
    { method: "POST", url: "/api/flows/echo/publish", needs: "editor", payload: { note: "x" } },
    { method: "POST", url: "/api/flows/echo/rollback", needs: "editor", payload: { version: 1 } },
    {
      method: "POST",
      url: "/api/simulator/http",
      needs: "editor",
      payload: { flow: {}, nodeId: "lookup", variables: {} },
    },
    { method: "GET", url: "/api/secrets/status?names=CRM_TOKEN", needs: "editor" },
    { method: "GET", url: "/api/queues", needs: "agent" },
    { method: "POST", url: "/api/queues/support/claim", needs: "agent" },
    { method: "GET", url: `/api/conversations/${uuid}`, needs: "agent" },
    { method: "POST", url: `/api/conversations/${uuid}/reply`, needs: "agent", payload: { text: "x" } },
    { method: "PUT", url: "/api/queues/support", needs: "admin", payload: {} },
    { method: "POST", url: "/api/tokens", needs: "admin", payload: { name: "ci", role: "editor" } },
    { method: "POST", url: "/api/users", needs: "admin", payload: {} },
  ];

describe("roles", () => {
  let built: Built;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    built = await build();
    cookies.agent = await userWithRole(built.app, "agent", "role-agent");
    cookies.editor = await userWithRole(built.app, "editor", "role-editor");
  });
  afterAll(() => built.close());

  it.each(routes)("$method $url refuses callers without the $needs role", async (route) => {
    const anonymous = await built.app.inject({ method: route.method, url: route.url, payload: route.payload });
    expect(anonymous.statusCode).toBe(401);
    const below = route.needs === "admin" ? "editor" : route.needs === "editor" ? "agent" : undefined;
    if (below) {
      const refused = await built.app.inject({
        method: route.method,
        url: route.url,
        payload: route.payload,
        headers: { cookie: cookies[below] as string },
      });
      expect(refused.statusCode).toBe(403);
    }
  });

  it("lets API tokens act with their role, never more", async () => {
    const admin = await built.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@example.fr", password: "admin-password-1" },
    });
    const cookie = `relais_session=${admin.cookies.find((c) => c.name === "relais_session")?.value}`;
    const made = await built.app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: { cookie },
      payload: { name: "ci", role: "editor" },
    });
    const { token } = made.json();
    const auth = { authorization: `Bearer ${token}` };
    expect((await built.app.inject({ method: "GET", url: "/api/flows", headers: auth })).statusCode).toBe(200);
    // Only a changed draft is published: the token saves a change first.
    const { flow } = (await built.app.inject({ method: "GET", url: "/api/flows/echo", headers: auth })).json();
    const saved = await built.app.inject({
      method: "PUT",
      url: "/api/flows/echo",
      headers: auth,
      payload: { flow: { ...flow, name: "Écho (ci)" } },
    });
    expect(saved.statusCode).toBe(200);
    const publish = await built.app.inject({
      method: "POST",
      url: "/api/flows/echo/publish",
      headers: auth,
      payload: { note: "ci" },
    });
    expect(publish.statusCode).toBe(201);
    expect(
      (
        await built.app.inject({
          method: "POST",
          url: "/api/tokens",
          headers: auth,
          payload: { name: "x", role: "admin" },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await built.app.inject({ method: "GET", url: "/api/flows", headers: { authorization: "Bearer rls_wrong" } }))
        .statusCode,
    ).toBe(401);
  });

  it("refuses a wrong password and logs out", async () => {
    const bad = await built.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@example.fr", password: "nope" },
    });
    expect(bad.statusCode).toBe(401);
    const me = await built.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: cookies.agent as string },
    });
    expect(me.json().user.role).toBe("agent");
    await built.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: cookies.agent as string } });
    expect(
      (await built.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: cookies.agent as string } }))
        .statusCode,
    ).toBe(401);
  });
});

describe("first start without an admin password", () => {
  it("creates the admin with a one-time login link that works once", async () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    let built: Built;
    try {
      built = await build({ RELAIS_ADMIN_PASSWORD: "" });
    } finally {
      process.stdout.write = original;
    }
    try {
      const link = /\/api\/auth\/one-time\/(\S+)/.exec(written.join(""))?.[0];
      expect(link).toBeDefined();
      const first = await built.app.inject({ method: "GET", url: link as string });
      expect(first.statusCode).toBe(302);
      const cookie = `relais_session=${first.cookies.find((c) => c.name === "relais_session")?.value}`;
      expect(
        (await built.app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie } })).json().user.role,
      ).toBe("admin");
      expect((await built.app.inject({ method: "GET", url: link as string })).statusCode).toBe(401);
    } finally {
      await built.close();
    }
  });
});
