import { urlMatches } from "../../../runtime/testing/index.js";
import type { HttpNode } from "../../../schema/index.js";
import { type ConversationTestFile, type Flow, type HttpFixture, parseTemplate } from "../../../schema/index.js";

/** A fixture with its place in the test file's shared `http` list, so an edit replaces it there. */
export interface PlacedFixture {
  index: number;
  fixture: HttpFixture;
}

export interface NodeFixtures {
  /** The flow the node is in: the one edited, or one it jumps to. */
  flow: Flow;
  node: HttpNode;
  /** The URLs the node calls: its secrets as their stand-ins, every other `{{ }}` as `*`. */
  pattern: string;
  fixtures: PlacedFixture[];
}

const SECRET = /^secrets\.([A-Z][A-Z0-9_]*)$/;

export function nodeUrlPattern(node: HttpNode, standIns: Record<string, string>): string {
  try {
    return parseTemplate(node.url)
      .segments.map((segment) => {
        if ("text" in segment) return segment.text;
        const secret = SECRET.exec(segment.expression)?.[1];
        return secret !== undefined && standIns[secret] !== undefined ? standIns[secret] : "*";
      })
      .join("");
  } catch {
    return node.url;
  }
}

const methodOf = (fixture: HttpFixture) => (fixture.method ?? "GET").toUpperCase();

/** The flow and the flows its jump nodes lead to, which its tests and simulator go through too. */
export function flowsReached(flow: Flow, others: ReadonlyMap<string, Flow>): Flow[] {
  const reached = [flow];
  for (const current of reached) {
    for (const node of current.nodes) {
      const next = node.type === "jump" ? others.get(node.flow) : undefined;
      if (next && !reached.includes(next)) reached.push(next);
    }
  }
  return reached;
}

/**
 * The fixtures each HTTP node of the flows would be answered by, in the order they are tried; the
 * ones no node calls are `others`. A fixture belongs to the first node whose URLs it matches.
 */
export function fixturesByNode(
  flows: readonly Flow[],
  fixtures: readonly HttpFixture[],
  standIns: Record<string, string>,
): { nodes: NodeFixtures[]; others: PlacedFixture[] } {
  const nodes: NodeFixtures[] = flows.flatMap((flow) =>
    flow.nodes.flatMap((node) =>
      node.type === "http" ? [{ flow, node, pattern: nodeUrlPattern(node, standIns), fixtures: [] }] : [],
    ),
  );
  const others: PlacedFixture[] = [];
  fixtures.forEach((fixture, index) => {
    const owner = nodes.find(
      (group) => group.node.method === methodOf(fixture) && urlMatches(group.pattern, fixture.url),
    );
    (owner?.fixtures ?? others).push({ index, fixture });
  });
  return { nodes, others };
}

/**
 * The list with a new 200 answer for the node, placed before the node's other fixtures: the
 * first match wins, and the node's last one is often a catch-all (`/orders/*` → 404).
 */
export function withNewFixture(fixtures: readonly HttpFixture[], group: NodeFixtures): HttpFixture[] {
  const fixture: HttpFixture = {
    ...(group.node.method === "GET" ? {} : { method: group.node.method }),
    url: group.pattern,
    body: {},
  };
  const at = group.fixtures[0]?.index ?? fixtures.length;
  return [...fixtures.slice(0, at), fixture, ...fixtures.slice(at)];
}

export const withFixture = (fixtures: readonly HttpFixture[], index: number, fixture: HttpFixture): HttpFixture[] =>
  fixtures.map((old, i) => (i === index ? fixture : old));

export const withoutFixture = (fixtures: readonly HttpFixture[], index: number): HttpFixture[] =>
  fixtures.filter((_, i) => i !== index);

/** A body field as typed: numbers, `true`, `false`, `null`, lists and objects are read as JSON, the rest is text. */
export function fieldValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(-?\d|true$|false$|null$|[[{"])/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

/** How a body value is shown for editing: text as it is, anything else as JSON. */
export const fieldText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** The body's fields for the form, or undefined when the body is not an object. */
export function bodyFields(body: unknown): [string, string][] | undefined {
  if (body === undefined || body === null) return [];
  if (typeof body !== "object" || Array.isArray(body)) return undefined;
  return Object.entries(body).map(([name, value]) => [name, fieldText(value)]);
}

export function bodyOf(fields: readonly (readonly [string, string])[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.filter(([name]) => name.trim() !== "").map(([name, text]) => [name, fieldValue(text)]),
  );
}

/** The test file with these shared fixtures; a flow without a test file gets a new one, with its `$schema`. */
export function withFixtures(
  flowId: string,
  tests: ConversationTestFile | null,
  http: HttpFixture[],
): ConversationTestFile {
  const base = tests ?? { $schema: "../schema/conversation-test.schema.json", flow: flowId, tests: [] };
  const { http: _old, ...rest } = base;
  return http.length ? { ...rest, http } : rest;
}
