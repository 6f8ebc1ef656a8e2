import type { TSchema } from "@sinclair/typebox";
import { ConversationTestFileSchema } from "./conversation-test.js";
import { FlowSchema } from "./flow.js";
import { LayoutSchema } from "./layout.js";

interface SchemaShape {
  properties?: Record<string, SchemaShape>;
  patternProperties?: Record<string, SchemaShape>;
  additionalProperties?: boolean | SchemaShape;
  items?: SchemaShape;
  anyOf?: SchemaShape[];
  oneOf?: SchemaShape[];
  discriminator?: { propertyName: string };
  type?: string;
  const?: unknown;
}

/**
 * Rewrites a value with its keys in canonical order: an object's fields in the order its schema
 * declares them (id and type first), map keys (variables, headers, positions) alphabetically, and
 * anything the schema does not know alphabetically after the rest. Array order is meaning and stays.
 */
export function canonicalize(value: unknown, schema: SchemaShape | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item, schema?.items));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const shape = objectBranch(record, schema);
  const declared = Object.keys(shape?.properties ?? {}).filter((key) => key in record);
  const rest = Object.keys(record)
    .filter((key) => !declared.includes(key))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...declared, ...rest]) {
    out[key] = canonicalize(record[key], childSchema(shape, key));
  }
  return out;
}

function objectBranch(record: Record<string, unknown>, schema: SchemaShape | undefined): SchemaShape | undefined {
  if (!schema) return undefined;
  const branches = schema.oneOf ?? schema.anyOf;
  if (!branches) return schema;
  const tag = schema.discriminator?.propertyName;
  if (tag) return branches.find((branch) => branch.properties?.[tag]?.const === record[tag]);
  return branches.find((branch) => branch.type === "object" || branch.properties || branch.patternProperties);
}

function childSchema(shape: SchemaShape | undefined, key: string): SchemaShape | undefined {
  if (!shape) return undefined;
  const declared = shape.properties?.[key];
  if (declared) return declared;
  const pattern = Object.values(shape.patternProperties ?? {})[0];
  if (pattern) return pattern;
  return typeof shape.additionalProperties === "object" ? shape.additionalProperties : undefined;
}

const toText = (value: unknown, schema: TSchema) =>
  `${JSON.stringify(canonicalize(value, schema as SchemaShape), null, 2)}\n`;

/** The canonical text of a flow file: what the designer writes and `relais fmt` checks. */
export const formatFlow = (flow: unknown) => toText(flow, FlowSchema);
export const formatLayout = (layout: unknown) => toText(layout, LayoutSchema);
export const formatConversationTests = (tests: unknown) => toText(tests, ConversationTestFileSchema);

export type FileKind = "flow" | "layout" | "test";

/** What a file in `flows/` holds, from its name. */
export function fileKind(path: string): FileKind | undefined {
  if (path.endsWith(".flow.json")) return "flow";
  if (path.endsWith(".layout.json")) return "layout";
  if (path.endsWith(".test.json")) return "test";
  return undefined;
}

export const formatByKind: Record<FileKind, (value: unknown) => string> = {
  flow: formatFlow,
  layout: formatLayout,
  test: formatConversationTests,
};
