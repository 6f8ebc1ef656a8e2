import fc from "fast-check";
import { definitionOf, type FlowNode, nodeDefinitions, nodeTypes } from "../../../schema/index.js";

/** A small deterministic generator, so that a failing shuffle shrinks to its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same value with the keys of every object in a random order; arrays keep theirs. */
export function shuffleKeys(value: unknown, next: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, next));
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  return Object.fromEntries(keys.map((key) => [key, shuffleKeys((value as Record<string, unknown>)[key], next)]));
}

const slug = fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,6}){0,2}$/);
const variableName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/);

/** Pieces of texts and expressions, sound and broken, that the linter must take without throwing. */
const fragment = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "{{ email }}",
    "{{ customer.name }}",
    "{{ secrets.CRM_TOKEN }}",
    "{{ contact.phone }}",
    "{{",
    "{{ }}",
    "{{ a +* b }}",
    "}}",
    "order.total >= 500",
    "$exists(x)",
    "(",
  ),
);
const oddText = fc.array(fragment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(" "));

/** Puts odd texts in the places a node type keeps its texts and expressions. */
function withOddTexts(node: FlowNode, texts: string[]): FlowNode {
  const [text = "x", when = "x", value = "x", url = "x"] = texts;
  switch (node.type) {
    case "condition":
      return { ...node, rules: node.rules.map((rule) => ({ ...rule, when })) };
    case "set":
      return { ...node, assign: node.assign.map((assignment) => ({ ...assignment, value })) };
    case "http":
      return { ...node, url, responseMapping: { customer: when } };
    case "message":
    case "question":
    case "intent":
    case "end":
    case "handoff":
      return { ...node, text };
    default:
      return node;
  }
}

/** A node made by its type's `create()`, with a random label and random transitions to the other ids. */
const nodeArbitrary = (ids: string[], id: string) =>
  fc
    .record({
      type: fc.constantFrom(...nodeTypes),
      label: fc.option(fc.string({ maxLength: 90 }), { nil: undefined }),
      targets: fc.array(fc.option(fc.constantFrom(...ids, "nowhere"), { nil: undefined }), {
        minLength: 12,
        maxLength: 12,
      }),
      texts: fc.option(fc.array(oddText, { minLength: 4, maxLength: 4 }), { nil: undefined }),
    })
    .map(({ type, label, targets, texts }) => {
      const created = nodeDefinitions[type].create(id) as FlowNode;
      const odd = texts ? withOddTexts(created, texts) : created;
      let node = (label === undefined ? odd : { ...odd, label }) as FlowNode;
      definitionOf(node)
        .transitions(node)
        .forEach((transition, i) => {
          node = definitionOf(node).connect(node, transition.handle, targets[i]);
        });
      return node;
    });

/**
 * Flows close to what people write: every node type, connected at random, with odd texts and
 * expressions, and the odd invalid part (a label over 80 characters, an unknown field, an empty
 * text) so that the formatter and the validator meet problems too.
 */
export const flowArbitrary = fc
  .uniqueArray(slug, { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      nodes: fc.tuple(...ids.map((id) => nodeArbitrary(ids, id))),
      id: slug,
      name: fc.string({ minLength: 1, maxLength: 30 }),
      description: fc.option(fc.string(), { nil: undefined }),
      languages: fc.uniqueArray(fc.constantFrom("fr", "en", "de", "es"), { minLength: 1, maxLength: 3 }),
      variables: fc.option(
        fc.dictionary(
          variableName,
          fc.record(
            {
              type: fc.constantFrom("string", "number", "object"),
              default: fc.option(fc.integer(), { nil: undefined }),
            },
            { requiredKeys: ["type"] },
          ),
        ),
        { nil: undefined },
      ),
      secrets: fc.option(fc.uniqueArray(fc.constantFrom("CRM_TOKEN", "API_KEY"), { maxLength: 2 }), { nil: undefined }),
      escalation: fc.option(
        fc.record({
          defaultQueue: fc.constant("support"),
          text: fc.option(oddText, { nil: undefined }),
          rules: fc.array(
            fc.record({
              id: fc.constantFrom("human", "big", "upset"),
              kind: fc.constant("value"),
              when: oddText,
              queue: fc.constant("support"),
              priority: fc.constant("high"),
            }),
            { maxLength: 3 },
          ),
        }),
        { nil: undefined },
      ),
      extra: fc.option(fc.dictionary(fc.constantFrom("colour", "zIndex", "aaa"), fc.integer(), { maxKeys: 2 }), {
        nil: undefined,
      }),
    }),
  )
  .map(({ nodes, extra, ...fields }) => {
    const flow: Record<string, unknown> = { schemaVersion: 1, ...fields, nodes, ...extra };
    for (const key of Object.keys(flow)) if (flow[key] === undefined) delete flow[key];
    return JSON.parse(JSON.stringify(flow)) as unknown;
  });
