import fp from "fastify-plugin";
import { foldAllDeltas } from "../analytics/deltas.js";
import { describeFailure } from "../store/failure.js";

/** Deltas wait at most about this long before they are folded; reads add the waiting ones anyway. */
const EVERY_MS = 2000;

/**
 * Folds the analytics deltas bot steps append into the aggregate counts, in the background: a plain
 * timer in each process; on PostgreSQL the process that takes the fold's advisory lock folds, the
 * others find it taken and wait for their next tick. What is left at close is folded then.
 */
export default fp(
  async (app) => {
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let closed = false;
    const pass = async () => {
      try {
        await foldAllDeltas(app.store);
      } catch (error) {
        app.log.warn({ failure: describeFailure(error) }, "analytics fold failed; the next one tries again");
      }
    };
    const schedule = () => {
      if (closed) return;
      timer = setTimeout(() => {
        running = pass().finally(schedule);
      }, EVERY_MS);
      timer.unref();
    };
    app.addHook("onReady", async () => schedule());
    app.addHook("preClose", async () => {
      closed = true;
      clearTimeout(timer);
      await running;
      await pass();
    });
  },
  { name: "analytics-fold", dependencies: ["db"] },
);
