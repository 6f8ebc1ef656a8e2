import fp from "fastify-plugin";
import { openStore } from "../store/db.js";
import { describeFailure } from "../store/failure.js";
import { DatabaseHealth, RETRY_AFTER_SECONDS } from "../store/health.js";
import { fullDiskReporter } from "./full-disk.js";

declare module "fastify" {
  interface FastifyInstance {
    dbHealth: DatabaseHealth;
    /** Logs a full database once a minute with what it refused (see `fullDiskReporter`): true when `error` is one. */
    storageFull: (error: unknown, what: string) => boolean;
  }
}

/** The answer to a request that needs the database while it is out of reach. */
export const databaseUnavailable = {
  error: {
    code: "DATABASE_UNAVAILABLE",
    message: `The database cannot be reached for now; send this request again in ${RETRY_AFTER_SECONDS} seconds. A message already received is kept and answered once.`,
  },
};

/** The answer to a request whose transaction lost a race with another (a deadlock): it may be sent again at once. */
export const databaseBusy = {
  error: { code: "DATABASE_BUSY", message: "The database was busy with the same rows; send this request again." },
};

/** How long a sender should wait before sending again to a database whose disk is full. */
export const FULL_RETRY_AFTER_SECONDS = 60;

/** The answer to a request the database had no room to write. */
export const databaseFull = {
  error: {
    code: "DATABASE_FULL",
    message: `The database has no room left to write; send this request again in ${FULL_RETRY_AFTER_SECONDS} seconds. A message already received is kept and answered once.`,
  },
};

/** How often a PostgreSQL database thought up is asked whether it still answers. */
const WATCH_MS = 2000;

/** What needs the database: the API and the health check (the designer's files do not). */
const needsDatabase = (url: string) => url.startsWith("/api/") || url.split("?")[0] === "/healthz";

/**
 * The database, migrated at start and closed last. On PostgreSQL, processes starting together
 * take turns until each is ready, so only the first migrates and seeds. While the database is out
 * of reach, or does not answer, requests that need it get 503 with `Retry-After` at once.
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
      onCheckpointFailure: (message) => app.log.warn({ message }, "SQLite checkpoint failed; the next one tries again"),
    });
    app.decorate("store", store);
    app.decorate("storageFull", fullDiskReporter(app.log));
    const health = new DatabaseHealth(
      () => store.ping(),
      (event, error) => {
        const failure = error === undefined ? undefined : describeFailure(error);
        if (event === "lost") app.log.error({ failure }, "database out of reach: requests get 503 until it is back");
        else if (event === "back") app.log.warn("database back: resuming the messages and replies that waited");
        else app.log.error({ failure }, "could not resume what waited for the database");
      },
    );
    // SQLite is in the process: it cannot stop answering while the process goes on.
    if (store.dialect === "postgres") health.watch(WATCH_MS);
    app.decorate("dbHealth", health);
    app.addHook("onRequest", async (request, reply) => {
      if (health.down && needsDatabase(request.url)) {
        return reply.status(503).header("retry-after", String(RETRY_AFTER_SECONDS)).send(databaseUnavailable);
      }
    });
    app.addHook("onReady", () => store.started());
    app.addHook("onClose", async () => {
      health.stop();
      await store.close();
    });
    app.log.info({ dialect: store.dialect }, "database ready");
  },
  { name: "db" },
);
