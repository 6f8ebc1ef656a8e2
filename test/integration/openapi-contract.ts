import { expect } from "vitest";

interface Operation {
  parameters?: { in: string; name: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
export type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** A route as its contract must show it in /api/docs. */
export interface Route {
  method: "get" | "post" | "put" | "delete";
  path: string;
  body?: true;
  query?: string[];
  statuses: number[];
  /** A server-sent events stream: its 200 documents the events in this media type. */
  stream?: true;
  /** Success statuses answered with no body (besides 204). */
  empty?: number[];
}

/** The documented routes whose path starts with one of `prefixes`, as `method path`. */
export function documentedUnder(doc: OpenApi, prefixes: string[]): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    prefixes.some((prefix) => path.startsWith(prefix))
      ? Object.keys(operations).map((method) => `${method} ${path}`)
      : [],
  );
}

/** Checks that `route` declares its path, query and body, each status it answers, and errors as the envelope. */
export function expectContract(doc: OpenApi, route: Route): void {
  const operation = doc.paths[route.path]?.[route.method];
  expect(operation, "documented").toBeDefined();
  const parameters = operation?.parameters ?? [];
  const named = (where: string) =>
    parameters
      .filter((parameter) => parameter.in === where)
      .map((parameter) => parameter.name)
      .sort();
  const placeholders = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
  expect(named("path"), "path parameters").toEqual(placeholders);
  expect(named("query"), "query parameters").toEqual([...(route.query ?? [])].sort());
  for (const parameter of parameters) expect(parameter.schema, parameter.name).toBeDefined();
  const bodies = Object.values(operation?.requestBody?.content ?? {});
  if (route.body) expect(bodies.length > 0 && bodies.every((content) => content.schema), "body").toBe(true);
  else expect(operation?.requestBody, "no body").toBeUndefined();

  const responses = operation?.responses ?? {};
  expect(Object.keys(responses).map(Number).sort(), "statuses").toEqual([...route.statuses].sort());
  for (const [status, response] of Object.entries(responses)) {
    expect(response.description, `${status} described`).toBeTruthy();
    if (status === "204" || route.empty?.includes(Number(status))) continue;
    const contents = Object.entries(response.content ?? {});
    expect(contents.length, `${status} has a schema`).toBeGreaterThan(0);
    if (route.stream && status === "200") {
      expect(Object.keys(response.content ?? {}), "the stream's events").toEqual(["text/event-stream"]);
      expect(contents[0]?.[1].schema, "the events' schema").toBeDefined();
    }
    if (Number(status) < 400) continue;
    for (const [mediaType, content] of contents) {
      expect(mediaType, `${status} is JSON`).toBe("application/json");
      expect(content.schema, `${status} is the error envelope`).toMatchObject({
        required: ["error"],
        properties: { error: { required: ["code", "message"] } },
      });
    }
  }
}
