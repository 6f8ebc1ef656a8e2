import { DrizzleQueryError } from "drizzle-orm";

/** What a log or an operator may read about a failure: never the values a failed query carried. */
export interface Failure {
  message: string;
  /** The driver's error code (`23505`, `SQLITE_CONSTRAINT_UNIQUE`), when a query failed. */
  code?: string;
  /** The failed statement with its placeholders, without its parameters. */
  query?: string;
  stack?: string;
}

/**
 * A failure described for logs. A failed query's parameters are what customers and agents wrote
 * (messages, notes, addresses), and drizzle writes them into its error message; the driver's own
 * `detail` repeats them (`Key (external_id)=(…) already exists`). Only the statement, the code and
 * the driver's message are kept.
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
    return {
      message: typeof cause?.message === "string" ? cause.message : "the query failed",
      ...(typeof cause?.code === "string" ? { code: cause.code } : {}),
      query: error.query,
    };
  }
  if (error instanceof Error) {
    return { message: error.message, ...(error.stack ? { stack: error.stack.split("\n").slice(1).join("\n") } : {}) };
  }
  return { message: String(error) };
}

/**
 * Driver codes of failures that say nothing about the row being written: the database is
 * unreachable, full, shutting down, out of connections, or chose this transaction as a deadlock
 * victim. Such a failure is retried later as it is and never counts toward setting a message aside.
 */
const TRANSIENT_CODE = /^(08|53|57P|40001|40P01|55P03|ECONN|ETIMEDOUT|EPIPE|EAI_AGAIN|SQLITE_(BUSY|LOCKED|IOERR|FULL))/;
const TRANSIENT_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|^timeout expired$|Client has encountered a connection error/i;

export function isTransient(error: unknown): boolean {
  return matches(error, TRANSIENT_CODE, TRANSIENT_MESSAGE);
}

/**
 * The transient failures that say the database itself is out of reach (refused, dropped, shutting
 * down, out of connections), rather than one transaction losing a race it can run again at once.
 */
const UNREACHABLE_CODE = /^(08|53300|57P|ECONN|ETIMEDOUT|EPIPE|EAI_AGAIN)/;

export function isUnreachable(error: unknown): boolean {
  return matches(error, UNREACHABLE_CODE, TRANSIENT_MESSAGE);
}

/**
 * The transient failures that say the database has no room left to write (SQLite's disk or its size
 * limit, PostgreSQL's disk_full): nothing a retry in a second mends, and an operator has to act.
 */
const FULL_CODE = /^(SQLITE_FULL|53100)$/;
const FULL_MESSAGE = /database or disk is full|No space left on device/i;

export function isStorageFull(error: unknown): boolean {
  return matches(error, FULL_CODE, FULL_MESSAGE);
}

function matches(error: unknown, codes: RegExp, messages: RegExp): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === "string" && codes.test(code)) return true;
    if (typeof message === "string" && messages.test(message)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
