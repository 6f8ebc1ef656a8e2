import jsonata from "jsonata";
import type { RE2JS } from "re2js";
import { describeJsonataError, parseTemplate, pathsRead, TemplateSyntaxError } from "../../schema/expression.js";
import { compileLinear } from "../../schema/regex.js";
import { DEFAULT_LIMITS } from "./limits.js";
import { LinearRegExp } from "./linear-regexp.js";

/**
 * JSONata runs in the engine's own process, so a flow's expression must not be able to hang it.
 * The bound is a count of evaluation steps, not wall time: the engine has no clock (time comes in
 * through `deps.now`), and a step budget fails the same way on every machine and every replay,
 * where a timeout would depend on load and make conversation tests flaky.
 */
export const EXPRESSION_STEP_BUDGET = 20_000;
/** Nesting depth of one evaluation (recursive lambdas), kept well under the JavaScript stack. */
export const EXPRESSION_MAX_DEPTH = 250;
/** Longest sequence one evaluation may build (`[1..1e6]` is one step but a lot of memory). */
export const EXPRESSION_MAX_SEQUENCE = 100_000;

const EVALUATE_ENTRY = Symbol.for("jsonata.__evaluate_entry");
const EVALUATE_EXIT = Symbol.for("jsonata.__evaluate_exit");

export type CompiledExpression =
  | { ok: true; expression: jsonata.Expression }
  | { ok: false; message: string; position?: number };

export type CompiledTemplate =
  | { ok: true; segments: ({ text: string } | { expression: string })[] }
  | { ok: false; message: string; position?: number };

export type CompiledPattern = { ok: true; regex: RE2JS } | { ok: false; message: string };

/** JSONata's own error shape, so that our errors travel through its `catch` blocks unchanged. */
interface JsonataThrowable {
  code: string;
  message: string;
}

interface EvaluationBase {
  relaisSteps?: number;
  timestamp?: Date;
}

/** Where `evaluateCompiled` leaves the engine's clock for `countStep` (bindings cannot be symbols). */
const NOW_BINDING = "__relais_now";
/** Where it leaves the longest text an evaluation may build, for `checkSize`. */
const LIMIT_BINDING = "__relais_value_chars";

/**
 * Counts the steps of one evaluation. The counter lives on the evaluation's own root frame
 * (`environment.base`), so concurrent evaluations of the same compiled expression never share it.
 * The first step also pins the evaluation's timestamp (which `$toMillis` defaults read) to the engine's clock.
 */
function countStep(
  _node: unknown,
  _input: unknown,
  environment: { base: EvaluationBase; lookup(name: string): unknown },
): void {
  const base = environment.base;
  const steps = (base.relaisSteps ?? 0) + 1;
  base.relaisSteps = steps;
  if (steps === 1) base.timestamp = environment.lookup(NOW_BINDING) as Date;
  if (steps > EXPRESSION_STEP_BUDGET) {
    throw {
      code: "RELAIS_STEPS",
      message: `The expression ran more than ${EXPRESSION_STEP_BUDGET} steps: simplify it or avoid looping over large lists.`,
    } satisfies JsonataThrowable;
  }
}

/**
 * Stops an evaluation as soon as one of its steps built a text longer than a value may hold, so
 * that a doubling loop or a `$pad` to millions fails at once instead of filling memory.
 */
function checkSize(
  _node: unknown,
  _input: unknown,
  environment: { lookup(name: string): unknown },
  result: unknown,
): void {
  if (typeof result !== "string") return;
  const limit = environment.lookup(LIMIT_BINDING) as number;
  if (result.length > limit) {
    throw {
      code: "RELAIS_SIZE",
      message: `The expression built a text of ${result.length} characters, more than the ${limit} a value may hold: keep only what the conversation needs`,
    } satisfies JsonataThrowable;
  }
}

/** Every expression, template and answer pattern of a flow, compiled once and kept by source text. */
export class ExpressionCache {
  readonly #expressions = new Map<string, CompiledExpression>();
  readonly #templates = new Map<string, CompiledTemplate>();
  readonly #patterns = new Map<string, CompiledPattern>();
  readonly #reads = new Map<string, string[]>();

  expression(source: string): CompiledExpression {
    let compiled = this.#expressions.get(source);
    if (!compiled) {
      compiled = compileExpression(source);
      this.#expressions.set(source, compiled);
    }
    return compiled;
  }

  template(source: string): CompiledTemplate {
    let compiled = this.#templates.get(source);
    if (!compiled) {
      compiled = this.#compileTemplate(source);
      this.#templates.set(source, compiled);
    }
    return compiled;
  }

  /** A question's pattern, on the linear-time engine; the whole answer must match it (`testExact`). */
  pattern(source: string, caseSensitive: boolean): CompiledPattern {
    const key = `${caseSensitive ? "s" : "i"}:${source}`;
    let compiled = this.#patterns.get(key);
    if (!compiled) {
      compiled = compileLinear(source, { caseSensitive });
      this.#patterns.set(key, compiled);
    }
    return compiled;
  }

  /** The variable paths an expression reads, for handoff reasons and secret checks. */
  reads(source: string): string[] {
    let paths = this.#reads.get(source);
    if (!paths) {
      paths = pathsRead(source);
      this.#reads.set(source, paths);
    }
    return paths;
  }

  #compileTemplate(source: string): CompiledTemplate {
    try {
      const segments = parseTemplate(source).segments.map((segment) => {
        if ("text" in segment) return segment;
        this.expression(segment.expression);
        return { expression: segment.expression };
      });
      return { ok: true, segments };
    } catch (error) {
      if (error instanceof TemplateSyntaxError) return { ok: false, message: error.message, position: error.offset };
      throw error;
    }
  }
}

function compileExpression(source: string): CompiledExpression {
  try {
    const expression = jsonata(source, {
      stack: EXPRESSION_MAX_DEPTH,
      sequence: EXPRESSION_MAX_SEQUENCE,
      // The typings ask for RegExp itself; JSONata only constructs it and calls `exec` with `lastIndex`.
      RegexEngine: LinearRegExp as unknown as RegExpConstructor,
    });
    // `assign` takes any key at run time; the typings only list strings.
    const assign = expression.assign as (name: string | symbol, value: unknown) => void;
    assign(EVALUATE_ENTRY, countStep);
    assign(EVALUATE_EXIT, checkSize);
    return { ok: true, expression };
  } catch (error) {
    const { message, position } = describeJsonataError(error);
    return { ok: false, message, ...(position !== undefined ? { position } : {}) };
  }
}

/** A function JSONata calls with its focus as `this`, like its built-ins. */
function builtin(
  implementation: (this: { environment: { lookup(name: string): unknown } }, ...args: unknown[]) => unknown,
) {
  return { _jsonata_function: true, implementation };
}

function unavailable(name: string) {
  return builtin(() => {
    throw {
      code: "RELAIS_IMPURE",
      message: `\`$${name}()\` is not available in flows: a conversation must replay the same way in tests and in the simulator.`,
    } satisfies JsonataThrowable;
  });
}

/**
 * Evaluates a compiled expression over `input`, building no text longer than `valueChars`. `$now()` and `$millis()` read the engine's clock
 * (`deps.now`), and the random built-ins are refused, so the same inputs give the same result.
 * Throws `{ message }` (JSONata's error shape) when the evaluation fails.
 */
export async function evaluateCompiled(
  expression: jsonata.Expression,
  input: unknown,
  now: Date,
  valueChars = DEFAULT_LIMITS.valueChars,
): Promise<unknown> {
  const millis = now.getTime();
  const bindings = {
    now: builtin(function (picture, timezone) {
      const fromMillis = this.environment.lookup("fromMillis") as {
        implementation: (this: unknown, ...args: unknown[]) => unknown;
      };
      return fromMillis.implementation.call(this, millis, picture, timezone);
    }),
    millis: builtin(() => millis),
    random: unavailable("random"),
    shuffle: unavailable("shuffle"),
  };
  return expression.evaluate(input, { ...bindings, [NOW_BINDING]: now, [LIMIT_BINDING]: valueChars });
}
