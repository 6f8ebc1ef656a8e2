import fp from "fastify-plugin";
import { LiveEvents } from "../conversation/live-events.js";
import { setUpQueues } from "../conversation/queues.js";

/** Queues (seeded, then the operator's file) and the live events agents listen to, across processes. */
export default fp(
  async (app) => {
    await setUpQueues(app.store, app.config.queuesFile);
    app.decorate("live", new LiveEvents(app.store.bus));
  },
  { name: "queue", dependencies: ["db"] },
);
