import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  CreatedFlow,
  CreateFlowBody,
  DiffQuery,
  type DraftRevision,
  errorResponses,
  FlowChannels,
  FlowFile,
  FlowIdParams,
  FlowSummary,
  FlowVersionContent,
  PublishBody,
  Published,
  RollbackBody,
  RolledBack,
  Saved,
  SavedFlow,
  SavedLayout,
  SaveFlowBody,
  SaveLayoutBody,
  SaveTestsBody,
  VersionParams,
  VersionSummary,
} from "../../schema/api/index.js";
import {
  CHANNELS,
  diffFlows,
  type Flow,
  FlowDiff,
  hasErrors,
  validateConversationTests,
  validateLayout,
} from "../../schema/index.js";
import { DomainError } from "../domain-error.js";
import { blankFlow } from "../flows/blank-flow.js";
import { checkFlowValue, flowFile, type SaveResult } from "../flows/drafts.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import { flowHash, getVersion, listVersions, liveVersions, publishVersion, rollback } from "../store/flow-versions.js";

const flowRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { drafts, store } = app;
  const read = requireRole("agent");
  const write = requireRole("editor");

  const author = (user: { name: string; email: string }) => (user.name ? `${user.name} (${user.email})` : user.email);

  /** A save through the runtime, one at a time per flow across every process sharing the database. */
  async function saveDraft(id: string, input: Parameters<typeof drafts.save>[1]): Promise<DraftRevision> {
    const result: SaveResult = await store.exclusive(`draft:${id}`, () => drafts.save(id, input));
    if ("conflict" in result) throw draftChanged(id, result.conflict);
    return result.saved;
  }

  const unknownFlow = (id: string) =>
    new DomainError(
      "notFound",
      "UNKNOWN_FLOW",
      `There is no flow \`${id}\` (no file ${flowFile(id)} in the flows folder).`,
    );

  async function draftOr404(id: string) {
    const draft = await drafts.read(id, await drafts.validFlows());
    if (!draft) throw unknownFlow(id);
    return draft;
  }

  app.get(
    "/api/flows",
    {
      schema: {
        tags: ["flows"],
        summary: "Every flow: its draft's state and its live version",
        response: { 200: Type.Array(FlowSummary), ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async () => {
      const live = await liveVersions(store);
      const others = await drafts.validFlows();
      const ids = [...new Set([...(await drafts.ids()), ...live.keys()])].sort();
      return Promise.all(
        ids.map(async (id) => {
          const draft = await drafts.read(id, others);
          const version = live.get(id);
          const published = version === undefined ? undefined : await getVersion(store, id, version);
          const draftHash = draft?.flow ? flowHash(draft.flow) : null;
          const flow = draft?.flow ?? published?.flow;
          return {
            id,
            name: flow?.name ?? id,
            languages: flow?.languages ?? [],
            nodeCount: flow?.nodes.length ?? 0,
            live: published
              ? { version: published.version, hash: published.hash, publishedAt: published.createdAt }
              : null,
            draftHash,
            changed: draftHash !== (published?.hash ?? null),
            problems: {
              errors: draft?.problems.filter((p) => p.severity === "error").length ?? 0,
              warnings: draft?.problems.filter((p) => p.severity === "warning").length ?? 0,
            },
          };
        }),
      );
    },
  );

  app.get(
    "/api/flows/:id",
    {
      schema: {
        tags: ["flows"],
        summary: "A flow's draft: its file, layout, tests, problems and revision",
        params: FlowIdParams,
        response: { 200: FlowFile, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => {
      const draft = await draftOr404(request.params.id);
      const revision = await drafts.revision(draft.id);
      if (!revision) throw unknownFlow(draft.id);
      return {
        id: draft.id,
        flow: draft.flow,
        raw: draft.raw,
        layout: draft.layout as FlowFile["layout"],
        tests: draft.tests as FlowFile["tests"],
        problems: draft.problems,
        revision,
      };
    },
  );

  app.get(
    "/api/flows/:id/channels",
    {
      schema: {
        tags: ["flows"],
        summary: "The channels a flow is published on, whose limits its problems check",
        params: FlowIdParams,
        response: { 200: FlowChannels, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => {
      const { id } = request.params;
      await draftOr404(id);
      return { channels: drafts.channelsOf(id, await drafts.validFlows()) ?? [...CHANNELS] };
    },
  );

  app.put(
    "/api/flows/:id",
    {
      schema: {
        tags: ["flows"],
        summary: "Saves a flow's draft (and its layout), unless it changed since `baseRevision`",
        params: FlowIdParams,
        body: SaveFlowBody,
        response: { 200: SavedFlow, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params;
      const body = request.body;
      const flows = await drafts.validFlows();
      const checked = checkFlowValue(body.flow, flowFile(id), {
        flows,
        queues: await drafts.queueIds(),
        channels: drafts.channelsOf(id, flows),
      });
      if (!checked.flow)
        throw new DomainError(
          "invalid",
          "INVALID_FLOW",
          `The flow ${flowFile(id)} does not match the flow schema; nothing was saved.`,
          checked.problems,
        );
      if (checked.flow.id !== id) {
        throw new DomainError(
          "invalid",
          "ID_MISMATCH",
          `The flow's \`id\` is \`${checked.flow.id}\` but it is saved as \`${id}\`; make them the same.`,
        );
      }
      if (body.layout !== undefined) checkLayout(body.layout, id);
      const revision = await saveDraft(id, {
        flow: checked.flow,
        layout: body.layout,
        author: author(signedIn(request)),
        base: body.baseRevision,
        now: Date.now(),
      });
      return { problems: checked.problems, revision };
    },
  );

  app.post(
    "/api/flows",
    {
      schema: {
        tags: ["flows"],
        summary: "Creates a flow from a template, or as a copy of another",
        body: CreateFlowBody,
        response: { 201: CreatedFlow, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
      onRequest: write,
    },
    async (request, reply) => {
      const body = request.body;
      if (await drafts.read(body.id))
        throw new DomainError("conflict", "FLOW_EXISTS", `A flow \`${body.id}\` already exists; choose another id.`);
      const source = body.duplicateOf ?? (body.template === "blank" ? undefined : body.template);
      let flow: Flow;
      if (source) {
        const original = await draftOr404(source);
        if (!original.flow)
          throw new DomainError(
            "unprocessable",
            "INVALID_FLOW",
            `The flow \`${source}\` has errors; fix it before copying it.`,
            original.problems,
          );
        flow = { ...original.flow, id: body.id, name: body.name };
      } else {
        flow = blankFlow(body.id, body.name, await drafts.queueIds());
      }
      await saveDraft(body.id, { flow, author: author(signedIn(request)), now: Date.now() });
      return reply.status(201).send({ id: body.id });
    },
  );

  app.delete(
    "/api/flows/:id",
    {
      schema: {
        tags: ["flows"],
        summary: "Deletes a flow's draft files; its published versions stay",
        params: FlowIdParams,
        response: { 204: Type.Null({ description: "Deleted." }), ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: write,
    },
    async (request, reply) => {
      const { id } = request.params;
      await draftOr404(id);
      await drafts.remove(id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/api/flows/:id/layout",
    {
      schema: {
        tags: ["flows"],
        summary: "Saves a flow's layout alone, unless the draft changed since `baseRevision`",
        params: FlowIdParams,
        body: SaveLayoutBody,
        response: { 200: SavedLayout, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params;
      await draftOr404(id);
      const { layout, baseRevision } = request.body;
      checkLayout(layout, id);
      const revision = await saveDraft(id, {
        layout,
        author: author(signedIn(request)),
        base: baseRevision,
        now: Date.now(),
      });
      return { revision };
    },
  );

  app.put(
    "/api/flows/:id/tests",
    {
      schema: {
        tags: ["flows"],
        summary: "Saves a flow's conversation tests",
        params: FlowIdParams,
        body: SaveTestsBody,
        response: { 200: Saved, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params;
      await draftOr404(id);
      const { tests } = request.body;
      const checked = validateConversationTests(tests, `${id}.test.json`);
      if (!checked.ok)
        throw new DomainError(
          "invalid",
          "INVALID_TESTS",
          `The tests of \`${id}\` do not match the test schema; nothing was saved.`,
          checked.problems,
        );
      await drafts.writeTests(id, tests);
      return {};
    },
  );

  app.post(
    "/api/flows/:id/publish",
    {
      schema: {
        tags: ["flows"],
        summary: "Publishes the draft as a new version, live at once",
        params: FlowIdParams,
        body: PublishBody,
        response: { 201: Published, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
      onRequest: write,
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      const draft = await draftOr404(id);
      const current = await drafts.revision(id);
      if (body.revision !== undefined && current && current.id !== body.revision) throw draftChanged(id, current);
      if (!draft.flow || hasErrors(draft.problems)) {
        throw new DomainError(
          "unprocessable",
          "FLOW_HAS_ERRORS",
          `The flow \`${id}\` has errors; fix them before publishing.`,
          draft.problems,
        );
      }
      const liveVersion = (await liveVersions(store)).get(id);
      const live = liveVersion === undefined ? undefined : await getVersion(store, id, liveVersion);
      if (live && live.hash === flowHash(draft.flow)) {
        throw new DomainError(
          "conflict",
          "NOTHING_TO_PUBLISH",
          `The draft of \`${id}\` is the same as the live version ${live.version}; there is nothing to publish.`,
          undefined,
          { liveVersion: live.version },
        );
      }
      // Trained before the version goes live, so its first message finds the model ready.
      const trained = await app.published.models.prepare(draft.flow);
      const published = await publishVersion(store, {
        flow: draft.flow,
        layout: draft.layout,
        author: signedIn(request).email,
        note: body.note,
        now: Date.now(),
      });
      request.log.info({ flowId: id, version: published.version, intentModels: trained }, "flow published");
      return reply.status(201).send({ ...published, problems: draft.problems });
    },
  );

  app.get(
    "/api/flows/:id/versions",
    {
      schema: {
        tags: ["flows"],
        summary: "A flow's published versions, newest first",
        params: FlowIdParams,
        response: { 200: Type.Array(VersionSummary), ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request) => {
      const { id } = request.params;
      const live = (await liveVersions(store)).get(id);
      return (await listVersions(store, id)).map((v) => ({
        version: v.version,
        hash: v.hash,
        author: v.author,
        note: v.note,
        createdAt: v.createdAt,
        live: v.version === live,
      }));
    },
  );

  app.get(
    "/api/flows/:id/versions/:version",
    {
      schema: {
        tags: ["flows"],
        summary: "One published version's flow and layout",
        params: VersionParams,
        response: { 200: FlowVersionContent, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => {
      const { id } = request.params;
      const version = Number(request.params.version);
      const found = await getVersion(store, id, version);
      if (!found) throw new DomainError("notFound", "UNKNOWN_VERSION", `Flow \`${id}\` has no version ${version}.`);
      return { flow: found.flow, layout: found.layout as FlowVersionContent["layout"] };
    },
  );

  app.post(
    "/api/flows/:id/rollback",
    {
      schema: {
        tags: ["flows"],
        summary: "Makes an earlier published version live again",
        params: FlowIdParams,
        body: RollbackBody,
        response: { 200: RolledBack, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params;
      const { version } = request.body;
      if (!(await rollback(store, id, version, Date.now()))) {
        throw new DomainError(
          "notFound",
          "UNKNOWN_VERSION",
          `Flow \`${id}\` has no version ${version} to roll back to.`,
        );
      }
      request.log.info({ flowId: id, version }, "flow rolled back");
      return { live: version };
    },
  );

  app.get(
    "/api/flows/:id/diff",
    {
      schema: {
        tags: ["flows"],
        summary: "What changed between two versions, or a version and the draft, node by node",
        params: FlowIdParams,
        querystring: DiffQuery,
        response: { 200: FlowDiff, ...errorResponses(400, 401, 403, 404, 422) },
      },
      onRequest: read,
    },
    async (request) => {
      const { id } = request.params;
      const { from, to } = request.query;
      const resolve = async (which: string): Promise<Flow> => {
        if (which === "draft") {
          const draft = await draftOr404(id);
          if (!draft.flow)
            throw new DomainError(
              "unprocessable",
              "INVALID_FLOW",
              `The draft of \`${id}\` does not validate, so it cannot be compared.`,
              draft.problems,
            );
          return draft.flow;
        }
        const version = which === "live" ? (await liveVersions(store)).get(id) : Number(which);
        const found = version === undefined ? undefined : await getVersion(store, id, version);
        if (!found) throw new DomainError("notFound", "UNKNOWN_VERSION", `Flow \`${id}\` has no version ${which}.`);
        return found.flow;
      };
      return diffFlows(await resolve(from), await resolve(to));
    },
  );
};
export default flowRoutes;

function draftChanged(id: string, current: DraftRevision): DomainError {
  const who = current.savedBy ?? "someone outside the designer (the file changed on disk)";
  return new DomainError(
    "conflict",
    "DRAFT_CHANGED",
    `The draft of \`${id}\` was saved by ${who} at ${current.savedAt}, after the revision you started from; nothing was written. Reload it, or save again with \`baseRevision: "${current.id}"\` to overwrite it.`,
    undefined,
    { revision: current },
  );
}

function checkLayout(layout: unknown, id: string) {
  const checked = validateLayout(layout, `${id}.layout.json`);
  if (!checked.ok)
    throw new DomainError(
      "invalid",
      "INVALID_LAYOUT",
      `The layout of \`${id}\` does not match the layout schema; nothing was saved.`,
      checked.problems,
    );
}
