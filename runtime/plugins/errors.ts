import type { FastifyError } from "fastify";
import fp from "fastify-plugin";
import type { Problem } from "../../schema/index.js";
import { DomainError, type FailureKind } from "../domain-error.js";
import { describeFailure, isTransient } from "../store/failure.js";
import { RETRY_AFTER_SECONDS } from "../store/health.js";
import { databaseBusy, databaseFull, databaseUnavailable, FULL_RETRY_AFTER_SECONDS } from "./db.js";

/** Each kind of domain refusal as an HTTP status, here and nowhere else. */
export const STATUS_OF: Record<FailureKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  unprocessable: 422,
  tooMany: 429,
  failed: 500,
};

function describeValidation(error: FastifyError): { message: string; problems: Problem[] } {
  const problems: Problem[] = (error.validation ?? []).map((item) => {
    const { missingProperty: missing, additionalProperty: extra } = item.params as {
      missingProperty?: string;
      additionalProperty?: string;
    };
    const named = missing ?? extra;
    const pointer = named ? `${item.instancePath}/${named}` : item.instancePath;
    const field = pointer.replace(/^\//, "").replaceAll("/", ".") || "(body)";
    const message = missing
      ? `The field \`${field}\` is required.`
      : extra
        ? `The field \`${field}\` is not one this route accepts; remove it (or check its spelling).`
        : `The field \`${field}\` ${item.message ?? "is not valid"}.`;
    return {
      code: `request/${item.keyword}`,
      severity: "error",
      file: error.validationContext ?? "body",
      pointer,
      message,
    };
  });
  const where = error.validationContext ?? "body";
  return { message: `Bad request ${where}: ${problems.map((p) => p.message).join(" ")}`, problems };
}

/** One error shape for every route; 5xx details go to the log, never to the client. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
      if (error instanceof DomainError) {
        return reply.status(STATUS_OF[error.kind]).send({
          error: { code: error.code, message: error.message, problems: error.problems, details: error.details },
        });
      }
      if (error.validation) {
        const { message, problems } = describeValidation(error);
        return reply.status(400).send({ error: { code: "BAD_REQUEST", message, problems } });
      }
      const status = error.statusCode ?? 500;
      if (status === 413) {
        return reply.status(413).send({
          error: { code: "TOO_LARGE", message: `The request body is larger than ${app.config.bodyLimitBytes} bytes.` },
        });
      }
      if (status === 429) {
        return reply.status(429).send({ error: { code: "RATE_LIMITED", message: error.message } });
      }
      if (status < 500) {
        return reply.status(status).send({ error: { code: error.code ?? "BAD_REQUEST", message: error.message } });
      }
      // Not the sender's doing and not mended by a retry at once: the operator must make room.
      if (app.storageFull(error, "requests"))
        return reply.status(503).header("retry-after", String(FULL_RETRY_AFTER_SECONDS)).send(databaseFull);
      if (isTransient(error)) {
        // Out of reach: marked down, so the next requests are refused at once until it answers again.
        const unreachable = app.dbHealth.failed(error);
        request.log.warn({ failure: describeFailure(error) }, "request refused: the database failed");
        return reply
          .status(503)
          .header("retry-after", String(unreachable ? RETRY_AFTER_SECONDS : 1))
          .send(unreachable ? databaseUnavailable : databaseBusy);
      }
      request.log.error({ failure: describeFailure(error) }, "request failed");
      return reply
        .status(500)
        .send({ error: { code: "INTERNAL", message: "Something went wrong on the server; it is in the server log." } });
    });
    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send({ error: { code: "NOT_FOUND", message: `No route ${request.method} ${request.url.split("?")[0]}.` } }),
    );
  },
  { name: "errors" },
);
