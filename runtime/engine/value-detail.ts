import { parseExpression } from "../../schema/expression.js";
import { show } from "./run.js";
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

const COMPARISONS = new Set(["=", "!=", "<", "<=", ">", ">=", "in"]);

/**
 * A value rule in words an agent reads at a glance: `order.total = 740 >= 500`, `and`/`or` of such
 * comparisons joined, otherwise the expression followed by the values it read.
 */
export function describeValueRule(source: string, variables: Record<string, unknown>, reads: string[]): string {
  const parsed = parseExpression(source);
  const described = parsed.ok ? describe(parsed.ast as AstNode, variables) : undefined;
  if (described) return described;
  if (reads.length === 0) return source;
  return `${source} (${reads.map((path) => `${path} = ${show(getPath(variables, path))}`).join(", ")})`;
}

function describe(node: AstNode, variables: Record<string, unknown>): string | undefined {
  if (node.type !== "binary" || typeof node.value !== "string" || !node.lhs || !node.rhs) return undefined;
  const operator = node.value;
  if (operator === "and" || operator === "or") {
    const left = describe(node.lhs, variables);
    const right = describe(node.rhs, variables);
    return left && right ? `${left} ${operator} ${right}` : undefined;
  }
  if (!COMPARISONS.has(operator)) return undefined;
  const leftPath = plainPath(node.lhs);
  const rightLiteral = literal(node.rhs);
  if (leftPath && rightLiteral !== undefined) {
    return `${leftPath} = ${show(getPath(variables, leftPath))} ${operator} ${rightLiteral}`;
  }
  const leftLiteral = literal(node.lhs);
  const rightPath = plainPath(node.rhs);
  if (leftLiteral !== undefined && rightPath) {
    return `${leftLiteral} ${operator} ${rightPath} = ${show(getPath(variables, rightPath))}`;
  }
  return undefined;
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
function literal(node: AstNode): string | undefined {
  if (node.type === "string" || node.type === "number" || node.type === "value") return show(node.value);
  if (node.type === "unary" && node.value === "[" && node.expressions) {
    const items = node.expressions.map(literal);
    return items.every((item) => item !== undefined) ? `[${items.join(", ")}]` : undefined;
  }
  return undefined;
}
