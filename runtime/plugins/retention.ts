import fp from "fastify-plugin";
import { describeFailure } from "../store/failure.js";
import { pruneAll } from "../store/retention.js";
import { runInBackground } from "./background-pass.js";

/** The first pass waits for start-up to be over; later ones follow at this interval. */
const FIRST_PASS_MS = 30_000;
const EVERY_MS = 10 * 60_000;

/**
 * Prunes what the retention policy (`config.retention`) no longer keeps, in the background and in small
 * batches, so that a pass never holds the database for long. Several processes on PostgreSQL each
 * run it; a row is deleted once whoever gets it first.
 */
export default fp(
  async (app) => {
    runInBackground(app, {
      firstMs: FIRST_PASS_MS,
      everyMs: EVERY_MS,
      run: async () => {
        try {
          const pruned = await pruneAll(app.store, app.config.retention, Date.now());
          for (const [table, rows] of Object.entries(pruned)) {
            if (rows > 0) app.metrics.prunedRows.inc({ table }, rows);
          }
          if (pruned.conversations > 0 || pruned.inbox > 0 || pruned.outbox > 0)
            app.log.info({ pruned }, "retention pass");
        } catch (error) {
          if (!app.storageFull(error, "retention pass"))
            app.log.warn({ failure: describeFailure(error) }, "retention pass failed; the next one tries again");
        }
      },
    });
  },
  { name: "retention", dependencies: ["db"] },
);
