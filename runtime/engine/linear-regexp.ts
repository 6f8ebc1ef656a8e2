import type { RE2JS } from "re2js";
import { compileLinear } from "../../schema/regex.js";

/**
 * What JSONata needs of a regular expression engine (`new RegexEngine(literal)`, then `lastIndex`
 * and `exec`), on RE2JS: every regex literal of a flow's expressions (`$match`, `$replace`,
 * `$split`, `$contains`) matches in linear time. A literal RE2 cannot run fails the evaluation
 * with a message saying why; the linter reports it before publishing.
 */
export class LinearRegExp {
  lastIndex = 0;
  readonly #regex: RE2JS;

  constructor(literal: RegExp) {
    const compiled = compileLinear(literal);
    if (!compiled.ok) {
      throw {
        code: "RELAIS_REGEX",
        message: `The regular expression /${literal.source}/ cannot run on Relais's linear-time engine (${compiled.message}): rewrite it without backreferences or lookarounds`,
      };
    }
    this.#regex = compiled.regex;
  }

  exec(text: string): RegExpExecArray | null {
    const matcher = this.#regex.matcher(text);
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups = Array.from({ length: matcher.groupCount() + 1 }, (_, i) => matcher.group(i) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input: text }) as unknown as RegExpExecArray;
    this.lastIndex = matcher.end();
    return result;
  }
}
