import fp from "fastify-plugin";
import { openStore } from "../store/db.js";

/** The database, migrated at start and closed last. */
export default fp(
  async (app) => {
    const { dataDir, databaseUrl, databaseSchema } = app.config;
    const store = await openStore({ dataDir, databaseUrl, databaseSchema });
    app.decorate("store", store);
    app.addHook("onClose", () => store.close());
    app.log.info({ dialect: store.dialect }, "database ready");
  },
  { name: "db" },
);
