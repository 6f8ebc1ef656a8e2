import jsonata from "jsonata";

/**
 * Pure helpers over JSONata, shared by the linter, the designer and the engine: parse an expression,
 * split a `{{ expr }}` template, and list the variable paths an expression reads.
 */

export type TemplateSegment = { text: string } | { expression: string; offset: number };

export interface ParsedTemplate {
  segments: TemplateSegment[];
}

/** A `{{` without its `}}`, or an empty `{{ }}`; `offset` is where the `{{` starts in the template. */
export class TemplateSyntaxError extends Error {
  constructor(
    readonly code: "TEMPLATE_UNCLOSED" | "TEMPLATE_EMPTY",
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = "TemplateSyntaxError";
  }
}

/**
 * Splits a text into literal parts and `{{ expr }}` parts. The expression may itself hold braces and
 * strings (`{{ {"a": 1}.a }}`), so the closing `}}` is looked for outside strings and nested braces.
 * `offset` is where the trimmed expression starts in `source`.
 */
export function parseTemplate(source: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  let cursor = 0;
  while (cursor < source.length) {
    const open = source.indexOf("{{", cursor);
    if (open === -1) break;
    if (open > cursor) segments.push({ text: source.slice(cursor, open) });
    const close = closingBraces(source, open + 2);
    if (close === -1) {
      throw new TemplateSyntaxError(
        "TEMPLATE_UNCLOSED",
        open,
        `The \`{{\` at character ${open + 1} is never closed: add \`}}\` after the expression.`,
      );
    }
    const raw = source.slice(open + 2, close);
    const expression = raw.trim();
    if (expression === "") {
      throw new TemplateSyntaxError(
        "TEMPLATE_EMPTY",
        open,
        `The \`{{ }}\` at character ${open + 1} is empty: write an expression inside, e.g. \`{{ firstName }}\`.`,
      );
    }
    segments.push({ expression, offset: open + 2 + (raw.length - raw.trimStart().length) });
    cursor = close + 2;
  }
  if (cursor < source.length) segments.push({ text: source.slice(cursor) });
  return { segments };
}

/** The index of the `}}` that closes an expression starting at `from`, or -1. */
function closingBraces(source: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'" || char === "`") quote = char;
    else if (char === "{") depth++;
    else if (char === "}") {
      if (depth === 0 && source[i + 1] === "}") return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** The expressions inside a template, in order; throws `TemplateSyntaxError` like `parseTemplate`. */
export function templateExpressions(source: string): string[] {
  return parseTemplate(source).segments.flatMap((segment) => ("expression" in segment ? [segment.expression] : []));
}

export type ParsedExpression =
  | { ok: true; ast: unknown }
  | { ok: false; message: string; position?: number; code?: string };

export function parseExpression(source: string): ParsedExpression {
  try {
    return { ok: true, ast: jsonata(source).ast() };
  } catch (error) {
    return { ok: false, ...describeJsonataError(error) };
  }
}

/** JSONata throws plain objects `{ code, position, message }`, not `Error`s. */
export function describeJsonataError(error: unknown): { message: string; position?: number; code?: string } {
  if (typeof error !== "object" || error === null) return { message: String(error) };
  const { message, position, code } = error as { message?: unknown; position?: unknown; code?: unknown };
  return {
    message: typeof message === "string" ? message : String(error),
    ...(typeof position === "number" ? { position } : {}),
    ...(typeof code === "string" ? { code } : {}),
  };
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  stages?: unknown;
  predicate?: unknown;
  [key: string]: unknown;
}

/**
 * The variable paths an expression reads, in order of first appearance:
 * `order.total >= 500 and customer.tier = "gold"` reads `order.total` and `customer.tier`.
 * A path stops at its first filter (`order.lines[0].qty` reads `order.lines`); `$x` bindings and
 * functions are not variables; what a path step computes is relative to that step, so not a read.
 * An expression that does not parse reads nothing.
 */
export function pathsRead(source: string): string[] {
  const parsed = parseExpression(source);
  if (!parsed.ok) return [];
  const paths = new Set<string>();
  visit(parsed.ast, paths);
  return [...paths];
}

/**
 * A function's name (`$count`, or `not` parsed as a path) is not a variable read; filters and
 * groupings apply to the value before them, not to the variables.
 */
const IGNORED_KEYS = new Set(["procedure", "predicate", "stages", "group"]);

function visit(value: unknown, paths: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, paths);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const node = value as AstNode;
  if (node.type === "path" && Array.isArray(node.steps)) {
    const path = rootPath(node.steps);
    if (path) paths.add(path);
    // Only a computed first step (`$lookup(…).x`, `(a).b`) reads the variables: every other step,
    // and every filter, is evaluated against what the step before it found.
    const first = node.steps[0];
    if (first && first.type !== "name" && first.type !== "variable") visit(first, paths);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (IGNORED_KEYS.has(key)) continue;
    visit(child, paths);
  }
}

/** `order.total` for the steps of `order.total`, `$.order.total` or `$$.order.total`. */
function rootPath(steps: AstNode[]): string | undefined {
  let index = 0;
  const first = steps[0];
  if (first?.type === "variable") {
    if (first.value !== "" && first.value !== "$") return undefined;
    index = 1;
  }
  const names: string[] = [];
  for (; index < steps.length; index++) {
    const step = steps[index];
    if (step?.type !== "name" || typeof step.value !== "string") break;
    names.push(step.value);
    if (step.stages !== undefined || step.predicate !== undefined) break;
  }
  return names.length > 0 ? names.join(".") : undefined;
}
