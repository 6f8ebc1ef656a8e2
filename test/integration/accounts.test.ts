import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_accounts");

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("closing accounts on %s", (database, env) => {
  const tag = database.toLowerCase();
  let built: Built;
  let admin: string;
  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  const as = (credential: string, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: object) =>
    built.app.inject({
      method,
      url,
      payload,
      headers: credential.startsWith("rls_") ? { authorization: `Bearer ${credential}` } : { cookie: credential },
    });
  const me = (credential: string) => as(credential, "GET", "/api/auth/me").then((response) => response.statusCode);
  const idOf = async (email: string) =>
    ((await as(admin, "GET", "/api/users")).json() as { id: string; email: string }[]).find(
      (member) => member.email === email,
    )?.id as string;

  it("stops a disabled admin's session and API token at once, and lets them back when opened", async () => {
    const boss = await userWithRole(built.app, "admin", `boss-${tag}`);
    const token = (await as(boss, "POST", "/api/tokens", { name: "ci", role: "editor" })).json().token as string;
    expect(await me(token)).toBe(200);
    const id = await idOf(`boss-${tag}@example.fr`);
    const closed = await as(admin, "PUT", `/api/users/${id}`, { disabled: true });
    expect(closed.json()).toMatchObject({ disabled: true });
    expect(await me(boss)).toBe(401);
    expect(await me(token)).toBe(401);
    const refused = await built.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: `boss-${tag}@example.fr`, password: `boss-${tag}-password-1` },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("ACCOUNT_DISABLED");
    await as(admin, "PUT", `/api/users/${id}`, { disabled: false });
    expect(await me(token)).toBe(200);
    expect(await me(await login(built.app, `boss-${tag}@example.fr`, `boss-${tag}-password-1`))).toBe(200);
  });

  it("puts what a disabled agent held back in the queue", async () => {
    const agent = await userWithRole(built.app, "agent", `held-${tag}`);
    await send(built.app, { flowId: "escalate", from: `held-${tag}`, messageId: "h-0", text: "Bonjour" });
    const handed = await send(built.app, {
      flowId: "escalate",
      from: `held-${tag}`,
      messageId: "h-1",
      text: "aide",
    });
    const conversationId = handed.json().conversationId as string;
    for (;;) {
      const claimed = await as(agent, "POST", "/api/queues/support/claim");
      expect(claimed.statusCode).toBe(200);
      if (claimed.json().conversation.id === conversationId) break;
    }
    await as(admin, "PUT", `/api/users/${await idOf(`held-${tag}@example.fr`)}`, { disabled: true });
    expect(await me(agent)).toBe(401);
    const detail = (await as(admin, "GET", `/api/conversations/${conversationId}`)).json();
    expect(detail.conversation).toMatchObject({ status: "queued", assignedTo: null });
  });

  it("never leaves the team without an admin who can log in", async () => {
    const admins = ((await as(admin, "GET", "/api/users")).json() as { id: string; role: string }[]).filter(
      (member) => member.role === "admin",
    );
    for (const other of admins.slice(1)) await as(admin, "DELETE", `/api/users/${other.id}`);
    const refused = await as(admin, "PUT", `/api/users/${await idOf(ADMIN.email)}`, { disabled: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("LAST_ADMIN");
  });

  it("removes a person: their login and sessions stop", async () => {
    const agent = await userWithRole(built.app, "agent", `gone-${tag}`);
    const id = await idOf(`gone-${tag}@example.fr`);
    expect((await as(admin, "DELETE", `/api/users/${id}`)).statusCode).toBe(204);
    expect(await me(agent)).toBe(401);
    expect(await idOf(`gone-${tag}@example.fr`)).toBeUndefined();
  });

  it("lists, expires and revokes API tokens", async () => {
    const made = (await as(admin, "POST", "/api/tokens", { name: "deploy", role: "editor", expiresInDays: 30 })).json();
    const listed = (await as(admin, "GET", "/api/tokens")).json() as { id: string; name: string; expiresAt: string }[];
    const entry = listed.find((token) => token.id === made.id);
    expect(entry).toMatchObject({ name: "deploy", role: "editor", createdBy: ADMIN.email });
    expect(Date.parse(entry?.expiresAt ?? "") - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(JSON.stringify(listed)).not.toContain(made.token);
    expect(await me(made.token)).toBe(200);
    expect((await as(admin, "DELETE", `/api/tokens/${made.id}`)).statusCode).toBe(204);
    expect(await me(made.token)).toBe(401);
    const defaulted = (await as(admin, "POST", "/api/tokens", { name: "ci", role: "agent" })).json();
    expect(Date.parse(defaulted.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const { credentials } = built.app.store.tables;
    const { eq } = await import("drizzle-orm");
    await built.app.store.tx((db) =>
      db
        .update(credentials)
        .set({ expiresAt: Date.now() - 1 })
        .where(eq(credentials.hash, defaulted.id)),
    );
    expect(await me(defaulted.token)).toBe(401);
  });

  it("ends someone's sessions on request", async () => {
    const agent = await userWithRole(built.app, "agent", `out-${tag}`);
    const ended = await as(admin, "DELETE", `/api/users/${await idOf(`out-${tag}@example.fr`)}/sessions`);
    expect(ended.json()).toEqual({ ended: 1 });
    expect(await me(agent)).toBe(401);
  });

  it("asks for the current password to change it, and ends the other sessions", async () => {
    const here = await userWithRole(built.app, "agent", `pw-${tag}`);
    const elsewhere = await login(built.app, `pw-${tag}@example.fr`, `pw-${tag}-password-1`);
    const change = (body: object) => as(here, "POST", "/api/auth/password", body);
    expect((await change({ password: "a-brand-new-password" })).statusCode).toBe(403);
    const wrong = await change({ currentPassword: "not-it", password: "a-brand-new-password" });
    expect(wrong.json().error).toMatchObject({ code: "WRONG_PASSWORD", problems: [{ pointer: "/currentPassword" }] });
    const done = await change({ currentPassword: `pw-${tag}-password-1`, password: "a-brand-new-password" });
    expect(done.statusCode).toBe(204);
    expect(await me(here)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    expect(await me(await login(built.app, `pw-${tag}@example.fr`, "a-brand-new-password"))).toBe(200);
  });
});
