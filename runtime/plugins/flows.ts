import fp from "fastify-plugin";
import { hasErrors } from "../../schema/index.js";
import { loadQueues } from "../conversation/queues.js";
import { Drafts } from "../flows/drafts.js";
import { PublishedFlows } from "../flows/published.js";
import { hasAnyVersion, publishVersion } from "../store/flow-versions.js";

/**
 * Drafts (the files) and published versions (the database). On a first start with an empty
 * database, every shipped flow that validates and lints clean is published as version 1 so
 * the examples answer at once.
 */
export default fp(
  async (app) => {
    const drafts = new Drafts(app.config.flowsDir, async () => [...(await loadQueues(app.store)).keys()]);
    app.decorate("drafts", drafts);
    app.decorate("published", new PublishedFlows(app.store));
    if (await hasAnyVersion(app.store)) return;
    const flows = await drafts.validFlows();
    for (const id of await drafts.ids()) {
      const draft = await drafts.read(id, flows);
      if (!draft?.flow || hasErrors(draft.problems)) {
        app.log.warn({ flowId: id, problems: draft?.problems.length }, "shipped flow not published: it has errors");
        continue;
      }
      await publishVersion(app.store, {
        flow: draft.flow,
        layout: draft.layout,
        author: "system",
        note: "shipped flow",
        now: Date.now(),
      });
      app.log.info({ flowId: id }, "shipped flow published as version 1");
    }
  },
  { name: "flows", dependencies: ["db"] },
);
