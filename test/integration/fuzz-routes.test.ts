import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

interface Route {
  method: string;
  path: string;
  fields: string[];
}

/** Every documented route, plus the hidden pages; live event streams never end, so they are left out. */
function routesOf(spec: { paths?: Record<string, Record<string, { requestBody?: unknown }>> }): Route[] {
  const routes: Route[] = [
    { method: "GET", path: "/widget.js", fields: [] },
    { method: "GET", path: "/chat/{flowId}", fields: [] },
  ];
  for (const [path, operations] of Object.entries(spec.paths ?? {})) {
    if (path.endsWith("/events") || path.startsWith("/api/docs")) continue;
    for (const [method, operation] of Object.entries(operations)) {
      const body = operation.requestBody as
        | { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
        | undefined;
      const fields = Object.keys(body?.content?.["application/json"]?.schema?.properties ?? {});
      routes.push({ method: method.toUpperCase(), path, fields });
    }
  }
  return routes;
}

/** A path segment, percent-encoded; a lone surrogate half goes as the bytes of its (invalid) UTF-8 form. */
const pathSegment = (text: string) =>
  text
    .replace(/[\uD800-\uDFFF]/gu, "\uFFFF")
    .split("\uFFFF")
    .map(encodeURIComponent)
    .join("%ED%A0%80");

/** Text as hostile testers write it: NUL bytes, lone surrogate halves, emoji, markup, long runs. */
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\u0000", "\uD800", "a\uDFFFb", "😀", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd"),
  fc.string({ unit: "grapheme-ascii", minLength: 300, maxLength: 600 }),
);
const value = fc.oneof(nasty, fc.jsonValue({ maxDepth: 2 }), fc.integer(), fc.constant(null));

const request = (routes: Route[]) =>
  fc.record({
    route: fc.constantFrom(...routes),
    params: fc.array(fc.oneof(nasty, fc.constantFrom("echo", "support", "1")), { minLength: 4, maxLength: 4 }),
    body: fc.oneof(
      fc.constant(undefined),
      value,
      fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("flowId", "text", "from")), value, {
        maxKeys: 5,
      }),
    ),
    fieldValues: fc.array(value, { minLength: 8, maxLength: 8 }),
    query: fc.dictionary(fc.string({ maxLength: 6 }), nasty, { maxKeys: 3 }),
    asAdmin: fc.boolean(),
    rawBody: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  });

const dialects = [
  { name: "SQLite", env: {} as Record<string, string>, runs: 300 },
  { name: "PostgreSQL", env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: freshSchema("relais_fuzz") }, runs: 150 },
];

describe.each(dialects)("generated requests at every route, on $name", ({ name, env, runs }) => {
  let built: Built;
  let admin: string;
  beforeAll(async () => {
    if (name === "PostgreSQL") await requirePostgres();
    built = await build(env);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await built?.close();
    if (env.DATABASE_SCHEMA) await dropSchema(env.DATABASE_SCHEMA);
  });

  it("never answer 5xx or a stack trace, keep the server healthy and well-formed messages processed once", async () => {
    const routes = routesOf(built.app.swagger() as Parameters<typeof routesOf>[0]);
    expect(routes.length).toBeGreaterThan(30);
    const sent: { from: string; messageId: string; text: string }[] = [];
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(request(routes), async (generated) => {
        let index = 0;
        const url = generated.route.path.replace(/\{[^}]+\}/g, () => pathSegment(generated.params[index++] ?? "x"));
        const body =
          generated.route.fields.length > 0 && generated.body === undefined
            ? Object.fromEntries(generated.route.fields.map((field, i) => [field, generated.fieldValues[i]]))
            : generated.body;
        const options: InjectOptions = {
          method: generated.route.method as InjectOptions["method"],
          url,
          query: generated.query,
          remoteAddress: "127.0.0.1",
          headers: generated.asAdmin ? { cookie: admin } : {},
        };
        if (generated.route.method !== "GET" && generated.route.method !== "DELETE") {
          if (generated.rawBody !== undefined) {
            options.payload = generated.rawBody;
            options.headers = { ...options.headers, "content-type": "application/json" };
          } else if (body !== undefined) {
            options.payload = JSON.stringify(body);
            options.headers = { ...options.headers, "content-type": "application/json" };
          }
        }
        const response = await built.app.inject(options);
        const where = `${generated.route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        expect(response.statusCode, where).toBeLessThan(500);
        expect(response.body, where).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|node_modules/);

        // A well-formed message among the noise, sometimes delivered twice.
        const message = { from: `fuzz-${counter % 5}`, messageId: `ok-${counter}`, text: `message ${counter}` };
        counter += 1;
        sent.push(message);
        const answer = await send(built.app, { flowId: "echo", ...message });
        expect(answer.statusCode, answer.body).toBe(200);
        if (counter % 7 === 0) {
          const again = await send(built.app, { flowId: "echo", ...message });
          expect(again.body).toBe(answer.body);
        }
      }),
      { numRuns: runs, seed: 20261130 },
    );

    const health = await built.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    const { inbox, messages } = built.app.store.tables;
    for (const { from, messageId, text } of sent) {
      const rows = await built.app.store.read((db) =>
        db
          .select()
          .from(inbox)
          .where(and(eq(inbox.channel, "rest"), eq(inbox.address, from), eq(inbox.externalId, messageId))),
      );
      expect(rows, messageId).toHaveLength(1);
      expect(rows[0]?.processedAt, messageId).not.toBeNull();
      const said = await built.app.store.read((db) =>
        db
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, rows[0]?.conversationId as string), eq(messages.text, text))),
      );
      expect(
        said.filter((m) => m.role === "customer"),
        messageId,
      ).toHaveLength(1);
    }
  });
});
