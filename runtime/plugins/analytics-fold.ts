import fp from "fastify-plugin";
import { foldAllDeltas } from "../analytics/deltas.js";
import { describeFailure } from "../store/failure.js";
import { runInBackground } from "./background-pass.js";

/** Deltas wait at most about this long before they are folded; reads add the waiting ones anyway. */
const EVERY_MS = 2000;

/**
 * Folds the analytics deltas bot steps append into the aggregate counts, in the background: a plain
 * timer in each process; on PostgreSQL the process that takes the fold's advisory lock folds, the
 * others find it taken and wait for their next tick. What is left at close is folded then.
 */
export default fp(
  async (app) => {
    runInBackground(app, {
      firstMs: EVERY_MS,
      everyMs: EVERY_MS,
      atClose: true,
      run: async () => {
        try {
          await foldAllDeltas(app.store);
        } catch (error) {
          if (!app.storageFull(error, "analytics fold"))
            app.log.warn({ failure: describeFailure(error) }, "analytics fold failed; the next one tries again");
        }
      },
    });
  },
  { name: "analytics-fold", dependencies: ["db"] },
);
