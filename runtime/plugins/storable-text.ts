import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Problem } from "../../schema/index.js";
import { DomainError } from "../domain-error.js";

/**
 * A NUL character or half of a surrogate pair: text no store can hold as it is (PostgreSQL refuses
 * NUL in `text`; a lone surrogate is not UTF-8 and is replaced on the way in). In `u` mode a
 * well-formed pair is one code point outside D800–DFFF, so only the lone halves match.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what PostgreSQL cannot store; finding it is the point.
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

function why(text: string): string {
  return text.includes("\u0000")
    ? "contains a NUL character (\\u0000)"
    : "contains half of a surrogate pair (a broken emoji or other character outside the basic plane)";
}

const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The first string (or object key) in `value` that a store cannot hold, with its JSON pointer. The
 * pointer is written out only for what is found: every request goes through here, and writing one for
 * each field of each body was most of this check's cost.
 */
export function findUnstorable(value: unknown): { pointer: string; reason: string } | undefined {
  if (typeof value === "string") return UNSTORABLE.test(value) ? { pointer: "", reason: why(value) } : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (UNSTORABLE.test(key)) return { pointer: `/${escapeSegment(key)}`, reason: `has a field name that ${why(key)}` };
    const found = findUnstorable((value as Record<string, unknown>)[key]);
    if (found) return { pointer: `/${escapeSegment(key)}${found.pointer}`, reason: found.reason };
  }
  return undefined;
}

/**
 * Every text that comes in (body, query, path parameters) is checked once, here, before any route
 * sees it: one NUL byte stored in the inbox once blocked its sender and the next start on PostgreSQL.
 * Refused whole, never altered: a message changed on the way in is not what the customer sent.
 */
export default fp(
  async (app) => {
    app.addHook("preValidation", async (request: FastifyRequest) => {
      for (const [file, value] of [
        ["params", request.params],
        ["querystring", request.query],
        ["body", request.body],
      ] as const) {
        const found = findUnstorable(value);
        if (!found) continue;
        const field = found.pointer.replace(/^\//, "").replaceAll("/", ".") || `(${file})`;
        const problem: Problem = {
          code: "request/unstorable-text",
          severity: "error",
          file,
          pointer: found.pointer,
          message: `The field \`${field}\` ${found.reason}, which cannot be stored; remove that character and send it again.`,
        };
        throw new DomainError("invalid", "BAD_REQUEST", `Bad request ${file}: ${problem.message}`, [problem]);
      }
    });
  },
  { name: "storable-text" },
);
