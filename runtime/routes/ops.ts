import type { FastifyInstance } from "fastify";

/** Liveness with a database round trip, and Prometheus metrics. */
export default async function opsRoutes(app: FastifyInstance) {
  app.get("/healthz", { schema: { hide: true } }, async () => {
    const { queues } = app.store.tables;
    await app.store.read((db) => db.select({ id: queues.id }).from(queues).limit(1));
    return { status: "ok", database: app.store.dialect };
  });
  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.header("content-type", app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
}
