import fp from "fastify-plugin";
import { LiveEvents } from "../conversation/live-events.js";
import { setUpQueues } from "../conversation/queues.js";
import { BEAT_MS, Consoles } from "../queue/presence.js";
import { describeFailure } from "../store/failure.js";
import { runInBackground } from "./background-pass.js";

/**
 * Queues (seeded, then the operator's file), the live events agents listen to, across processes, and
 * the agent consoles open on this process, which keep their people online.
 */
export default fp(
  async (app) => {
    await setUpQueues(app.store, app.config.queuesFile);
    app.decorate("live", new LiveEvents(app.store.bus));
    const consoles = new Consoles(app.store);
    app.decorate("consoles", consoles);
    runInBackground(app, {
      firstMs: BEAT_MS,
      everyMs: BEAT_MS,
      run: async () => {
        try {
          await consoles.beat();
        } catch (error) {
          if (!app.storageFull(error, "presence beat") && !app.dbHealth.failed(error))
            app.log.warn({ failure: describeFailure(error) }, "presence beat failed; the next one tries again");
        }
      },
    });
  },
  { name: "queue", dependencies: ["db"] },
);
