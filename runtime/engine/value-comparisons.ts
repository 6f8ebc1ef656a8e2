import type { Comparison, ComparisonOperator } from "../../schema/api/handoff.js";
import { parseExpression } from "../../schema/expression.js";
import { isCurrencyCode } from "./amounts.js";
import { getPath } from "./variables.js";

interface AstNode {
  type?: string;
  value?: unknown;
  lhs?: AstNode;
  rhs?: AstNode;
  steps?: AstNode[];
  expressions?: AstNode[];
  stages?: unknown;
}

const OPERATORS = new Set<string>(["=", "!=", "<", "<=", ">", ">=", "in"]);

/**
 * A value rule as plain comparisons with the values they read (`order.total` was 740, `>=` 500),
 * joined by and/or; undefined when the expression is anything else (a function call, arithmetic).
 * An amount compared in one currency, as the condition builder writes it
 * (`refund.value >= 500 and refund.currency = "EUR"`), is one comparison whose threshold has that currency.
 */
export function valueComparisons(source: string, variables: Record<string, unknown>): Comparison[] | undefined {
  const parsed = parseExpression(source);
  return parsed.ok ? comparisons(parsed.ast as AstNode, variables) : undefined;
}

function comparisons(node: AstNode, variables: Record<string, unknown>): Comparison[] | undefined {
  // Parentheses are kept only around one amount in one currency: flattening any other group would lose it.
  if (node.type === "block" && node.expressions?.length === 1 && node.expressions[0]) {
    const inner = comparisons(node.expressions[0], variables);
    return inner?.length === 1 ? inner : undefined;
  }
  if (node.type !== "binary" || typeof node.value !== "string" || !node.lhs || !node.rhs) return undefined;
  const operator = node.value;
  if (operator === "and" || operator === "or") {
    const left = comparisons(node.lhs, variables);
    const right = comparisons(node.rhs, variables);
    if (!left || !right) return undefined;
    if (operator === "and") {
      const folded = inCurrency(left, right) ?? inCurrency(right, left);
      if (folded) return folded;
    }
    const [first, ...rest] = right;
    return first ? [...left, { ...first, joiner: operator }, ...rest] : undefined;
  }
  if (!OPERATORS.has(operator)) return undefined;
  const op = operator as ComparisonOperator;
  const leftPath = plainPath(node.lhs);
  const rightLiteral = literal(node.rhs);
  if (leftPath && rightLiteral.ok) {
    return [compared(leftPath, variables, op, rightLiteral.value, false)];
  }
  const leftLiteral = literal(node.lhs);
  const rightPath = plainPath(node.rhs);
  if (leftLiteral.ok && rightPath) return [compared(rightPath, variables, op, leftLiteral.value, true)];
  return undefined;
}

function compared(
  path: string,
  variables: Record<string, unknown>,
  operator: ComparisonOperator,
  literalValue: unknown,
  literalFirst: boolean,
): Comparison {
  const value = getPath(variables, path);
  const currency = typeof value === "number" ? currencyBeside(path, variables) : undefined;
  return {
    path,
    ...(value === undefined ? {} : { value }),
    ...(currency ? { currency } : {}),
    operator,
    literal: literalValue,
    ...(literalFirst ? { literalFirst } : {}),
  };
}

/**
 * `amount` (an and-chain of comparisons) with `currency`, a single `X.currency = "EUR"`, folded into the
 * comparison of X's value: undefined when the chain has no comparison of a number beside that currency.
 */
function inCurrency(amount: Comparison[], currency: Comparison[]): Comparison[] | undefined {
  const [only] = currency;
  if (currency.length !== 1 || !only || only.operator !== "=" || !isCurrencyCode(only.literal)) return undefined;
  if (!only.path.endsWith(".currency")) return undefined;
  const parent = only.path.slice(0, -".currency".length);
  const index = amount.findIndex(
    (comparison) =>
      typeof comparison.literal === "number" && comparison.path.split(".").slice(0, -1).join(".") === parent,
  );
  if (index < 0) return undefined;
  return amount.map((comparison, i) =>
    i === index ? { ...comparison, literalCurrency: only.literal as string } : comparison,
  );
}

/**
 * The currency of an amount: the ISO code beside it, as an amount question saves it
 * (`refund.value` beside `refund.currency`) and as order systems answer (`order.total`, `order.currency`).
 */
function currencyBeside(path: string, variables: Record<string, unknown>): string | undefined {
  const parent = path.split(".").slice(0, -1);
  if (parent.length === 0) return undefined;
  const currency = getPath(variables, [...parent, "currency"].join("."));
  return isCurrencyCode(currency) ? currency : undefined;
}

/** `order.total` for a path of plain names, without filters. */
function plainPath(node: AstNode): string | undefined {
  if (node.type !== "path" || !node.steps) return undefined;
  const names: string[] = [];
  for (const step of node.steps) {
    if (step.type !== "name" || typeof step.value !== "string" || step.stages !== undefined) return undefined;
    names.push(step.value);
  }
  return names.join(".");
}

/** The literal as written: `500`, `"gold"`, `true`, `["a", "b"]`. */
function literal(node: AstNode): { ok: true; value: unknown } | { ok: false } {
  if (node.type === "string" || node.type === "number" || node.type === "value") return { ok: true, value: node.value };
  if (node.type === "unary" && node.value === "[" && node.expressions) {
    const items = node.expressions.map(literal);
    return items.every((item) => item.ok)
      ? { ok: true, value: items.map((item) => (item as { value: unknown }).value) }
      : { ok: false };
  }
  return { ok: false };
}
