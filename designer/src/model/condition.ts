import jsonata from "jsonata";
import { isCurrencyCode } from "../../../runtime/engine/index.js";

/**
 * The condition builder's model: rows of `variable operator value`, all or any of them holding, written
 * as the JSONata expression the flow keeps, and read back from it through JSONata's own parser.
 */

export type VariableType = "string" | "number" | "boolean" | "object" | "array" | "unknown";

export type Operator =
  | "eq"
  | "ne"
  | "contains"
  | "startsWith"
  | "empty"
  | "notEmpty"
  | "gt"
  | "ge"
  | "lt"
  | "le"
  | "isTrue"
  | "isFalse"
  | "exists"
  | "missing"
  | "includes"
  | "emptyList"
  | "notEmptyList";

export type Literal = string | number | boolean;

export interface ConditionRow {
  /** A variable path such as `total` or `order.total`. */
  variable: string;
  operator: Operator;
  value?: Literal;
  /**
   * The ISO 4217 code of a number compared as an amount in one currency: the row holds only for an amount
   * in that currency (`refund.value >= 500 and refund.currency = "EUR"`), never by a converted value.
   */
  currency?: string;
}

export interface Condition {
  match: "all" | "any";
  rows: ConditionRow[];
}

/** Why an expression cannot be shown as rows, so the designer can say it in words. */
export type Unreadable =
  | { reason: "syntax"; message: string }
  | { reason: "mixed" }
  | { reason: "shape" }
  | { reason: "type"; variable: string; type: VariableType };

export type ReadResult = { ok: true; condition: Condition } | ({ ok: false } & Unreadable);

const operatorsByType: Record<VariableType, readonly Operator[]> = {
  string: ["eq", "ne", "contains", "startsWith", "empty", "notEmpty"],
  number: ["eq", "ne", "gt", "ge", "lt", "le", "exists", "missing"],
  boolean: ["isTrue", "isFalse", "exists", "missing"],
  array: ["includes", "emptyList", "notEmptyList"],
  object: ["exists", "missing"],
  unknown: [
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "contains",
    "startsWith",
    "empty",
    "notEmpty",
    "isTrue",
    "isFalse",
    "exists",
    "missing",
  ],
};

/** The operators offered for a variable of this type, in the order a person expects them. */
export const operatorsFor = (type: VariableType): readonly Operator[] => operatorsByType[type];

/** What value an operator takes: none, text, a number, or a value of the variable's own type. */
export function valueKind(operator: Operator, type: VariableType): "none" | "text" | "number" | "any" {
  switch (operator) {
    case "contains":
    case "startsWith":
      return "text";
    case "gt":
    case "ge":
    case "lt":
    case "le":
      return "number";
    case "eq":
    case "ne":
      return type === "string" ? "text" : type === "number" ? "number" : "any";
    case "includes":
      return "any";
    default:
      return "none";
  }
}

const accepts = (type: VariableType, row: ConditionRow): boolean => {
  if (type !== "unknown" && !operatorsByType[type].includes(row.operator)) return false;
  switch (valueKind(row.operator, type)) {
    case "none":
      return true;
    case "text":
      return typeof row.value === "string";
    case "number":
      return typeof row.value === "number" && Number.isFinite(row.value);
    case "any":
      return typeof row.value === "string" || typeof row.value === "boolean" || isFiniteNumber(row.value);
  }
};

const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

// A step written bare must read back as a name: letters, digits and `_`, not a keyword of the language.
const bareName = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const keywords = new Set(["and", "or", "in", "true", "false", "null", "function"]);

/** Whether a variable path can be written in an expression: dot-separated steps, none empty or holding a backtick. */
export const isVariablePath = (path: string): boolean =>
  path.split(".").every((step) => step.trim() === step && step !== "" && !step.includes("`"));

const pathSource = (path: string): string =>
  path
    .split(".")
    .map((step) => (bareName.test(step) && !keywords.has(step) ? step : `\`${step}\``))
    .join(".");

// JSONata string literals escape like JSON's, so JSON's writer quotes every character correctly.
const literalSource = (value: Literal): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

const characters = (text: string) => [...text].length;

/** `refund.currency` for `refund.value`: where an amount keeps its currency; undefined for a top-level variable. */
export function currencyPathOf(variable: string): string | undefined {
  const steps = variable.split(".");
  return steps.length > 1 ? [...steps.slice(0, -1), "currency"].join(".") : undefined;
}

/** Whether the row compares a number that can carry a currency: a value to compare, beside a currency. */
const takesCurrency = (row: ConditionRow): boolean =>
  typeof row.value === "number" && ["eq", "ne", "gt", "ge", "lt", "le"].includes(row.operator);

function rowSource(row: ConditionRow): string {
  const currencyPath = row.currency && takesCurrency(row) ? currencyPathOf(row.variable) : undefined;
  const compared = comparisonSource(row);
  return currencyPath
    ? `${compared} and ${pathSource(currencyPath)} = ${literalSource(row.currency as string)}`
    : compared;
}

function comparisonSource(row: ConditionRow): string {
  const path = pathSource(row.variable);
  const value = row.value as Literal;
  switch (row.operator) {
    case "eq":
      return `${path} = ${literalSource(value)}`;
    case "ne":
      return `${path} != ${literalSource(value)}`;
    case "gt":
      return `${path} > ${literalSource(value)}`;
    case "ge":
      return `${path} >= ${literalSource(value)}`;
    case "lt":
      return `${path} < ${literalSource(value)}`;
    case "le":
      return `${path} <= ${literalSource(value)}`;
    case "contains":
      return `$contains(${path}, ${literalSource(value)})`;
    case "startsWith":
      return `$substring(${path}, 0, ${characters(String(value))}) = ${literalSource(value)}`;
    case "empty":
      return `(${path} = "" or $not($exists(${path})))`;
    case "notEmpty":
      return `${path} != ""`;
    case "isTrue":
      return `${path} = true`;
    case "isFalse":
      return `${path} = false`;
    case "exists":
      return `$exists(${path})`;
    case "missing":
      return `$not($exists(${path}))`;
    case "includes":
      return `${literalSource(value)} in ${path}`;
    case "emptyList":
      return `$count(${path}) = 0`;
    case "notEmptyList":
      return `$count(${path}) > 0`;
  }
}

/** Whether a row says everything its expression needs: a variable, and a value of the right kind when one is asked. */
export const isComplete = (row: ConditionRow, type: VariableType): boolean =>
  isVariablePath(row.variable) && accepts(type, row);

/**
 * The JSONata expression for a condition. Rows not yet complete are left out, so what is being typed never
 * breaks the flow; no row at all means "always", `true`.
 */
export function toExpression(condition: Condition, types: Record<string, VariableType>): string {
  const rows = condition.rows.filter((row) => isComplete(row, types[row.variable] ?? "unknown"));
  if (rows.length === 0) return "true";
  // An amount in one currency is two comparisons: in parentheses beside other rows, so it reads back as one.
  const sources = rows.map((row) =>
    rows.length > 1 && row.currency && takesCurrency(row) ? `(${rowSource(row)})` : rowSource(row),
  );
  return sources.join(condition.match === "all" ? " and " : " or ");
}

// The parts of JSONata's syntax tree the reader looks at.
interface Ast {
  type: string;
  value?: unknown;
  lhs?: Ast;
  rhs?: Ast;
  steps?: Ast[];
  expressions?: Ast[];
  arguments?: Ast[];
  procedure?: Ast;
  [other: string]: unknown;
}

class Unshowable extends Error {
  constructor(readonly detail: Unreadable) {
    super(detail.reason);
  }
}

// Parentheses around one expression change nothing the builder shows.
const unwrap = (node: Ast): Ast =>
  node.type === "block" && node.expressions?.length === 1 ? unwrap(node.expressions[0] as Ast) : node;

const stepKeys = new Set(["type", "value", "position"]);

/** The variable path a node names, or undefined when it is anything more than plain names joined by dots. */
function pathOf(node: Ast): string | undefined {
  const steps = node.type === "path" ? node.steps : node.type === "name" ? [node] : undefined;
  if (!steps?.length) return undefined;
  const names: string[] = [];
  for (const step of steps) {
    if (step.type !== "name" || typeof step.value !== "string") return undefined;
    if (Object.keys(step).some((key) => !stepKeys.has(key))) return undefined;
    if (step.value === "" || step.value.includes(".")) return undefined;
    names.push(step.value);
  }
  if (node.type === "path" && Object.keys(node).some((key) => key !== "type" && key !== "steps")) return undefined;
  return names.join(".");
}

function literalOf(node: Ast): Literal | undefined {
  if (node.type === "string" && typeof node.value === "string") return node.value;
  if (node.type === "number" && isFiniteNumber(node.value)) return node.value;
  if (node.type === "value" && typeof node.value === "boolean") return node.value;
  return undefined;
}

/** `$name(args…)` with its arguments, or undefined when the node is not a call to a built-in function. */
function callOf(node: Ast): { name: string; args: Ast[] } | undefined {
  if (node.type !== "function" || node.procedure?.type !== "variable" || typeof node.procedure.value !== "string")
    return undefined;
  return { name: node.procedure.value, args: (node.arguments ?? []).map(unwrap) };
}

const existsPath = (node: Ast): string | undefined => {
  const call = callOf(node);
  return call?.name === "exists" && call.args.length === 1 ? pathOf(call.args[0] as Ast) : undefined;
};

const flipped: Record<string, string> = { "=": "=", "!=": "!=", ">": "<", ">=": "<=", "<": ">", "<=": ">=" };
const comparisons: Record<string, Operator> = { "=": "eq", "!=": "ne", ">": "gt", ">=": "ge", "<": "lt", "<=": "le" };

function readComparison(node: Ast): ConditionRow | undefined {
  if (node.type !== "binary" || typeof node.value !== "string" || !(node.value in comparisons)) return undefined;
  const lhs = unwrap(node.lhs as Ast);
  const rhs = unwrap(node.rhs as Ast);
  let op = node.value;
  let variable = pathOf(lhs);
  let value = literalOf(rhs);
  if (variable === undefined && value === undefined) {
    variable = pathOf(rhs);
    value = literalOf(lhs);
    op = flipped[op] as string;
  }
  if (variable !== undefined && value !== undefined) {
    if (typeof value === "boolean") {
      if (op !== "=") return undefined;
      return { variable, operator: value ? "isTrue" : "isFalse" };
    }
    if (op === "!=" && value === "") return { variable, operator: "notEmpty" };
    if (op !== "=" && op !== "!=" && typeof value !== "number") return undefined;
    return { variable, operator: comparisons[op] as Operator, value };
  }
  // `$substring(v, 0, n) = "text"` where n is the text's length: "starts with".
  const call = callOf(lhs);
  const text = literalOf(rhs);
  if (op === "=" && call?.name === "substring" && call.args.length === 3 && typeof text === "string") {
    const [target, start, length] = call.args as [Ast, Ast, Ast];
    const path = pathOf(target);
    if (path !== undefined && literalOf(start) === 0 && literalOf(length) === characters(text))
      return { variable: path, operator: "startsWith", value: text };
  }
  // `$count(v) = 0` and `$count(v) > 0`: a list that is empty or not.
  if (call?.name === "count" && call.args.length === 1 && literalOf(rhs) === 0) {
    const path = pathOf(call.args[0] as Ast);
    if (path !== undefined && op === "=") return { variable: path, operator: "emptyList" };
    if (path !== undefined && op === ">") return { variable: path, operator: "notEmptyList" };
  }
  return undefined;
}

/** `refund.value >= 500 and refund.currency = "EUR"` (either way round): one row of an amount in euros. */
function readAmountRow(node: Ast): ConditionRow | undefined {
  if (node.type !== "binary" || node.value !== "and") return undefined;
  const sides = [unwrap(node.lhs as Ast), unwrap(node.rhs as Ast)].map(readComparison);
  for (const [amount, currency] of [sides, [...sides].reverse()]) {
    if (!amount || !currency || amount.currency !== undefined || !takesCurrency(amount)) continue;
    if (currency.operator !== "eq" || !isCurrencyCode(currency.value)) continue;
    if (currency.variable === currencyPathOf(amount.variable)) return { ...amount, currency: currency.value };
  }
  return undefined;
}

function readRow(node: Ast): ConditionRow | undefined {
  const comparison = readComparison(node) ?? readAmountRow(node);
  if (comparison) return comparison;
  const call = callOf(node);
  if (call?.name === "contains" && call.args.length === 2) {
    const path = pathOf(call.args[0] as Ast);
    const text = literalOf(call.args[1] as Ast);
    if (path !== undefined && typeof text === "string") return { variable: path, operator: "contains", value: text };
  }
  const exists = existsPath(node);
  if (exists !== undefined) return { variable: exists, operator: "exists" };
  if (call?.name === "not" && call.args.length === 1) {
    const path = existsPath(call.args[0] as Ast);
    if (path !== undefined) return { variable: path, operator: "missing" };
  }
  // `v = "" or $not($exists(v))`: text that is empty or was never given.
  if (node.type === "binary" && node.value === "or") {
    const blank = readComparison(unwrap(node.lhs as Ast));
    const missing = readRow(unwrap(node.rhs as Ast));
    if (
      blank?.operator === "eq" &&
      blank.value === "" &&
      missing?.operator === "missing" &&
      missing.variable === blank.variable
    )
      return { variable: blank.variable, operator: "empty" };
  }
  if (node.type === "binary" && node.value === "in") {
    const value = literalOf(unwrap(node.lhs as Ast));
    const path = pathOf(unwrap(node.rhs as Ast));
    if (value !== undefined && path !== undefined) return { variable: path, operator: "includes", value };
  }
  return undefined;
}

/** The terms of a chain of one connective (`a and b and c`), without looking inside parentheses. */
function terms(node: Ast, connective: "and" | "or"): Ast[] {
  if (node.type === "binary" && node.value === connective)
    return [...terms(node.lhs as Ast, connective), ...terms(node.rhs as Ast, connective)];
  return [node];
}

const isConnective = (node: Ast) => node.type === "binary" && (node.value === "and" || node.value === "or");

/**
 * The rows an expression shows, read through JSONata's own parser; or why it cannot be shown as rows
 * (a syntax error, `and` mixed with `or`, a part the builder has no row for, a value of another type
 * than the variable's).
 */
export function fromExpression(source: string, types: Record<string, VariableType>): ReadResult {
  let root: Ast;
  try {
    root = unwrap(jsonata(source).ast() as Ast);
  } catch (error) {
    return { ok: false, reason: "syntax", message: (error as Error).message };
  }
  if (root.type === "value" && root.value === true) return { ok: true, condition: { match: "all", rows: [] } };
  const single = readRow(root);
  const match = !single && root.type === "binary" && root.value === "or" ? "any" : "all";
  try {
    const rows = (single ? [root] : terms(root, match === "all" ? "and" : "or")).map((term) => {
      const row = readRow(unwrap(term));
      if (row) return row;
      throw new Unshowable(isConnective(unwrap(term)) ? { reason: "mixed" } : { reason: "shape" });
    });
    for (const row of rows) {
      const type = types[row.variable] ?? "unknown";
      if (!accepts(type, row)) return { ok: false, reason: "type", variable: row.variable, type };
    }
    return { ok: true, condition: { match, rows } };
  } catch (error) {
    if (error instanceof Unshowable) return { ok: false, ...error.detail };
    throw error;
  }
}
