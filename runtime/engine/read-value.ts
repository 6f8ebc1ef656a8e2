import type { QuestionNode } from "../../schema/nodes/question.js";
import { DEFAULT_CURRENCY, findAmount } from "./amounts.js";
import { characterCount, parseNumber } from "./answers.js";
import { findDate, findEmail, findNumber, findPattern, findPhone } from "./entities.js";
import { DEFAULT_PHONE_REGION } from "./phone.js";
import type { Run } from "./run.js";

const found = <T>(value: T | undefined) => (value === undefined ? undefined : { value });

/**
 * A typed answer read as the question's kind: the whole text, or the value found in the sentence;
 * undefined when it holds none. Choices are matched elsewhere (`matchChoice`).
 */
export function readValue(node: QuestionNode, typed: string, run: Run): { value: unknown } | undefined {
  const spec = node.input;
  const text = typed.trim();
  switch (spec.kind) {
    case "text": {
      const length = characterCount(text);
      if (length < (spec.minLength ?? 1)) return undefined;
      if (spec.maxLength !== undefined && length > spec.maxLength) return undefined;
      return { value: text };
    }
    case "number": {
      const value = findNumber(text);
      if (value === undefined) return undefined;
      if (spec.integer && !Number.isInteger(value)) return undefined;
      if (spec.min !== undefined && value < spec.min) return undefined;
      if (spec.max !== undefined && value > spec.max) return undefined;
      return { value };
    }
    case "amount": {
      const value = parseNumber(text);
      return found(value === undefined ? findAmount(text) : { value, currency: spec.currency ?? DEFAULT_CURRENCY });
    }
    case "email":
      return found(findEmail(text));
    case "phone":
      return found(findPhone(text, spec.region ?? DEFAULT_PHONE_REGION));
    case "date":
      return found(findDate(text, run.state.language, run.deps.now()));
    case "pattern": {
      const pattern = run.flow.expressions.pattern(spec.pattern, spec.caseSensitive ?? false);
      if (!pattern.ok) {
        throw run.failure(
          "EXPRESSION",
          `The pattern \`${spec.pattern}\` in node \`${node.id}\` of flow \`${run.frame.flowId}\`, field \`/input/pattern\` cannot run: ${pattern.message}. Relais runs patterns in linear time (RE2 syntax: no backreferences or lookarounds).`,
        );
      }
      return found(findPattern(pattern.regex, text));
    }
    case "choice":
      return undefined;
    default: {
      const unknown: never = spec;
      throw new Error(`Unknown question kind ${JSON.stringify(unknown)}`);
    }
  }
}
