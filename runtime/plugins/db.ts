import fp from "fastify-plugin";
import { openStore } from "../store/db.js";

/**
 * The database, migrated at start and closed last. On PostgreSQL, processes starting together
 * take turns until each is ready, so only the first migrates and seeds.
 */
export default fp(
  async (app) => {
    const { dataDir, databaseUrl, databaseSchema } = app.config;
    const store = await openStore({
      dataDir,
      databaseUrl,
      databaseSchema,
      onBusError: (error) => app.log.warn({ err: error }, "live updates between processes interrupted"),
      onGroupCommit: (transactions) => app.metrics.groupCommits.observe(transactions),
    });
    app.decorate("store", store);
    app.addHook("onReady", () => store.started());
    app.addHook("onClose", () => store.close());
    app.log.info({ dialect: store.dialect }, "database ready");
  },
  { name: "db" },
);
