import type { Problem } from "../schema/index.js";

/** What kind of refusal: the one place that turns it into an HTTP status is plugins/errors.ts. */
export type FailureKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "notFound"
  | "conflict"
  | "unprocessable"
  | "tooMany"
  | "failed";

/** A refusal the client can act on: a code, a message that says what and how to fix, and problems. */
export class DomainError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
    /** Facts the client words its own message from (who, when, which version). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
