import fp from "fastify-plugin";
import { hasErrors } from "../../schema/index.js";
import { loadQueues } from "../conversation/queues.js";
import { Drafts } from "../flows/drafts.js";
import { PublishedFlows } from "../flows/published.js";
import { IntentModels } from "../nlu/intent-models.js";
import { getVersion, hasAnyVersion, liveVersions, publishVersion } from "../store/flow-versions.js";
import { storedModels } from "../store/nlu-models.js";

/**
 * Drafts (the files) and published versions (the database). On a first start with an empty
 * database, every shipped flow that validates and lints clean is published as version 1 so
 * the examples answer at once. The live versions' intent models are trained before messages are
 * taken, when the database does not hold them yet (a first start, or versions published before).
 */
export default fp(
  async (app) => {
    const drafts = new Drafts(
      app.config.flowsDir,
      async () => [...(await loadQueues(app.store)).keys()],
      // The channels are set up after the flows (they take messages for them): until then, every channel's limits.
      () => (app.hasDecorator("channels") ? app.channels.starts() : undefined),
    );
    app.decorate("drafts", drafts);
    const models = new IntentModels(storedModels(app.store), {
      whenMissing: (key, language) =>
        app.log.warn({ key, language }, "intent model not trained: word overlap answers meanwhile"),
    });
    app.decorate("published", new PublishedFlows(app.store, models));
    if (await hasAnyVersion(app.store)) {
      for (const [flowId, version] of await liveVersions(app.store)) {
        const row = await getVersion(app.store, flowId, version);
        if (!row) continue;
        const report = await models.prepare(row.flow);
        if (report.trained > 0) app.log.info({ flowId, version, ...report }, "intent models trained");
      }
      return;
    }
    const flows = await drafts.validFlows();
    for (const id of await drafts.ids()) {
      const draft = await drafts.read(id, flows);
      if (!draft?.flow || hasErrors(draft.problems)) {
        app.log.warn({ flowId: id, problems: draft?.problems.length }, "shipped flow not published: it has errors");
        continue;
      }
      await models.prepare(draft.flow);
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
