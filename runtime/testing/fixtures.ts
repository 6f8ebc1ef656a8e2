import type { HttpFixture } from "../../schema/index.js";
import type { HttpRequest, HttpResult } from "../engine/types.js";

/** `*` in a fixture URL matches any run of characters; everything else is literal. */
function urlMatches(pattern: string, url: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`).test(url);
}

export function findFixture(fixtures: readonly HttpFixture[], request: HttpRequest): HttpFixture | undefined {
  return fixtures.find(
    (fixture) => (fixture.method ?? "GET").toUpperCase() === request.method && urlMatches(fixture.url, request.url),
  );
}

/** The result the engine would get had a real server answered as the fixture says. */
export function fixtureResult(fixture: HttpFixture): HttpResult {
  if (fixture.error) {
    return { ok: false, error: fixture.error, message: `simulated ${fixture.error} (test fixture)` };
  }
  return { ok: true, status: fixture.status ?? 200, headers: fixture.headers ?? {}, body: fixture.body ?? null };
}
