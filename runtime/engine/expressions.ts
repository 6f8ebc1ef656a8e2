import jsonata from "jsonata";
import { describeJsonataError, parseTemplate, pathsRead, TemplateSyntaxError } from "../../schema/expression.js";

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

export type CompiledExpression =
  | { ok: true; expression: jsonata.Expression }
  | { ok: false; message: string; position?: number };

export type CompiledTemplate =
  | { ok: true; segments: ({ text: string } | { expression: string })[] }
  | { ok: false; message: string; position?: number };

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; message: string };

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

  /** A question's pattern, anchored so that the whole answer must match. */
  pattern(source: string, caseSensitive: boolean): CompiledPattern {
    const key = `${caseSensitive ? "s" : "i"}:${source}`;
    let compiled = this.#patterns.get(key);
    if (!compiled) {
      try {
        compiled = { ok: true, regex: new RegExp(`^(?:${source})$`, caseSensitive ? "" : "i") };
      } catch (error) {
        compiled = { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
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
    const expression = jsonata(source, { stack: EXPRESSION_MAX_DEPTH, sequence: EXPRESSION_MAX_SEQUENCE });
    // `assign` takes any key at run time; the typings only list strings.
    (expression.assign as (name: string | symbol, value: unknown) => void)(EVALUATE_ENTRY, countStep);
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
 * Evaluates a compiled expression over `input`. `$now()` and `$millis()` read the engine's clock
 * (`deps.now`), and the random built-ins are refused, so the same inputs give the same result.
 * Throws `{ message }` (JSONata's error shape) when the evaluation fails.
 */
export async function evaluateCompiled(expression: jsonata.Expression, input: unknown, now: Date): Promise<unknown> {
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
  return expression.evaluate(input, { ...bindings, [NOW_BINDING]: now });
}
