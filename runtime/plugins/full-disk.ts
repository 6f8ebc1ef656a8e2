import type { FastifyBaseLogger } from "fastify";
import { describeFailure, isStorageFull } from "../store/failure.js";

/** How often a full database is logged, with the count of what it refused meanwhile. */
export const FULL_LOG_EVERY_MS = 60_000;

/**
 * Tells of a database with no room left to write once a minute, with how many of each kind of work it
 * refused since (requests, background passes), rather than at every refusal: the log may well be on the
 * disk that is full, and every background pass meets it again. Returns whether `error` was that.
 */
export function fullDiskReporter(log: FastifyBaseLogger, now: () => number = Date.now) {
  let saidAt = Number.NEGATIVE_INFINITY;
  let refused: Record<string, number> = {};
  return (error: unknown, what: string): boolean => {
    if (!isStorageFull(error)) return false;
    refused[what] = (refused[what] ?? 0) + 1;
    if (now() - saidAt >= FULL_LOG_EVERY_MS) {
      saidAt = now();
      log.error({ failure: describeFailure(error), refused }, "the database has no room left to write: make room");
      refused = {};
    }
    return true;
  };
}
