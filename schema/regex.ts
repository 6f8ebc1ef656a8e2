import { RE2JS } from "re2js";

/**
 * Patterns written in flows (a question's `pattern`, regular expressions in JSONata expressions)
 * run on RE2JS, whose matching time grows linearly with the text: a pattern such as `(a+)+` cannot
 * hold the process for seconds on a crafted answer, as it does with JavaScript's backtracking RegExp.
 * RE2 has no backreferences (`\1`) and no lookahead (`(?=…)`); the linter refuses them before publishing.
 */
export type LinearPattern = { ok: true; regex: RE2JS } | { ok: false; message: string };

/** Compiles a pattern written in JavaScript syntax (named groups `(?<name>…)` included) for RE2JS. */
export function compileLinear(source: string | RegExp, options: { caseSensitive?: boolean } = {}): LinearPattern {
  try {
    const translated = RE2JS.translateRegExp(source);
    const flags = options.caseSensitive === false ? RE2JS.CASE_INSENSITIVE : 0;
    return { ok: true, regex: RE2JS.compile(translated, flags) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: message.replace(/^error parsing regexp: /, "").replace("`(?i)", "`") };
  }
}

/**
 * A repeated group that itself repeats (`(a+)+`, `(\w*\s?)*`, `(?:x|y+){2,}`): the shape that takes
 * exponential time on backtracking engines. Relais runs it in linear time, but the same pattern
 * copied into another tool would not, and it rarely means what its author wanted.
 */
export function hasNestedRepetition(source: string): boolean {
  const groups: { repeats: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (char === "[") {
      i = endOfClass(source, i);
      continue;
    }
    if (char === "(") {
      groups.push({ repeats: false });
      continue;
    }
    const quantified = isQuantifier(source, i + 1);
    if (char === ")") {
      const group = groups.pop();
      if (group?.repeats && quantified) return true;
      const outer = groups[groups.length - 1];
      if (outer && (group?.repeats || quantified)) outer.repeats = true;
      continue;
    }
    if (isQuantifier(source, i) && groups.length > 0)
      (groups[groups.length - 1] as { repeats: boolean }).repeats = true;
  }
  return false;
}

/** Whether a quantifier that repeats (`*`, `+`, `{n,}`, `{n,m}` with m > 1) starts at `i`. */
function isQuantifier(source: string, i: number): boolean {
  const char = source[i];
  if (char === "*" || char === "+") return true;
  if (char !== "{") return false;
  const bound = /^\{(\d*)(,(\d*))?\}/.exec(source.slice(i));
  if (!bound) return false;
  if (bound[2] === undefined) return Number(bound[1]) > 1;
  return bound[3] === "" || Number(bound[3]) > 1;
}

function endOfClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === "]" && i > start + 1) return i;
  }
  return source.length;
}

/** A regular expression literal found in a JSONata expression, with its 1-based end position. */
export interface RegexLiteral {
  source: string;
  flags: string;
  position: number;
}

/** Every regular expression literal of a parsed JSONata expression (its AST from `parseExpression`). */
export function regexLiterals(ast: unknown): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === "regex" && record.value instanceof RegExp) {
      found.push({
        source: record.value.source,
        flags: record.value.flags,
        position: typeof record.position === "number" ? record.position : 0,
      });
    }
    for (const value of Object.values(record)) if (typeof value === "object") visit(value);
  };
  visit(ast);
  return found;
}
