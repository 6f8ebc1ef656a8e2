import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { answeredAs, errorResponses, Health, Metrics } from "../../schema/api/index.js";
import { DomainError } from "../domain-error.js";

const isLoopback = (address: string) => address === "::1" || /^(::ffff:)?127\./.test(address);

function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Liveness with a database round trip, and Prometheus metrics (with RELAIS_METRICS_TOKEN, or from this machine). */
const opsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const scraper = async (request: FastifyRequest) => {
    const token = app.config.metricsToken;
    const header = request.headers.authorization ?? "";
    if (token) {
      if (!header.startsWith("Bearer ") || !sameSecret(header.slice(7).trim(), token)) {
        throw new DomainError(
          "unauthenticated",
          "UNAUTHENTICATED",
          "Send `Authorization: Bearer <RELAIS_METRICS_TOKEN>`.",
        );
      }
    } else if (!isLoopback(request.ip)) {
      throw new DomainError(
        "forbidden",
        "FORBIDDEN",
        "RELAIS_METRICS_TOKEN is not set, so only callers on this machine may read the metrics; set it to scrape from elsewhere.",
      );
    }
  };
  app.get("/healthz", { schema: { hide: true, response: { 200: Health, ...errorResponses(400) } } }, async () => {
    await app.store.ping();
    return { status: "ok" as const, database: app.store.dialect };
  });
  app.get(
    "/metrics",
    {
      schema: { hide: true, response: { 200: answeredAs("text/plain", Metrics), ...errorResponses(400, 401, 403) } },
      onRequest: scraper,
    },
    async (_request, reply) => {
      reply.header("content-type", app.metrics.registry.contentType);
      return app.metrics.registry.metrics();
    },
  );
};
export default opsRoutes;
