import type { ConversationTestFile, HttpFixture } from "../../schema/index.js";
import type { HttpRequest, HttpResult } from "../engine/types.js";

/** `*` in a fixture URL matches any run of characters; everything else is literal. */
export function urlMatches(pattern: string, url: string): boolean {
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

/** Every fixture of a test file: the file's shared ones, then each test's own. */
export const allFixtures = (tests: ConversationTestFile | null): HttpFixture[] => [
  ...(tests?.http ?? []),
  ...(tests?.tests ?? []).flatMap((test) => test.http ?? []),
];

/**
 * Stand-in values for secrets during tests and in the designer's simulator: the test file's, else
 * `test-<name>`. Both use the same ones, so the URLs called match the file's fixtures.
 */
export function secretStandIns(names: readonly string[], tests: ConversationTestFile | null): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [name, tests?.secrets?.[name] ?? `test-${name.toLowerCase().replace(/_/g, "-")}`]),
  );
}
