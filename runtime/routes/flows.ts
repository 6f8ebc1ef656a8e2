import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import {
  diffFlows,
  type Flow,
  hasErrors,
  SLUG_PATTERN,
  validateConversationTests,
  validateLayout,
} from "../../schema/index.js";
import { DomainError } from "../domain-error.js";
import { checkFlowValue, type DraftRevision, flowFile, type SaveResult } from "../flows/drafts.js";
import { requireRole } from "../plugins/auth.js";
import { flowHash, getVersion, listVersions, liveVersions, publishVersion, rollback } from "../store/flow-versions.js";

const FlowId = Type.Object({ id: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }) });
const Revision = Type.String({
  pattern: "^[0-9a-f]{16}$",
  description: "The draft revision the editor started from (`revision.id` of GET /api/flows/:id).",
});
const templates = ["blank", "identify-customer", "order-status", "triage"] as const;

export default async function flowRoutes(app: FastifyInstance) {
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

  async function draftOr404(id: string) {
    const draft = await drafts.read(id, await drafts.validFlows());
    if (!draft)
      throw new DomainError(
        "notFound",
        "UNKNOWN_FLOW",
        `There is no flow \`${id}\` (no file ${flowFile(id)} in the flows folder).`,
      );
    return draft;
  }

  app.get("/api/flows", { schema: { tags: ["flows"] }, onRequest: read }, async () => {
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
  });

  app.get("/api/flows/:id", { schema: { tags: ["flows"], params: FlowId }, onRequest: read }, async (request) => {
    const draft = await draftOr404((request.params as { id: string }).id);
    return {
      id: draft.id,
      flow: draft.flow,
      raw: draft.raw,
      layout: draft.layout,
      tests: draft.tests,
      problems: draft.problems,
      revision: await drafts.revision(draft.id),
    };
  });

  app.put(
    "/api/flows/:id",
    {
      schema: {
        tags: ["flows"],
        params: FlowId,
        body: Type.Object({
          flow: Type.Unknown(),
          layout: Type.Optional(Type.Unknown()),
          baseRevision: Type.Optional(Revision),
        }),
      },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const body = request.body as { flow: unknown; layout?: unknown; baseRevision?: string };
      const checked = checkFlowValue(body.flow, flowFile(id), await drafts.validFlows(), await drafts.queueIds());
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
        author: author(request.user!),
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
        body: Type.Object({
          id: Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }),
          name: Type.String({ minLength: 1, maxLength: 120 }),
          template: Type.Union(templates.map((t) => Type.Literal(t))),
          duplicateOf: Type.Optional(Type.String({ pattern: SLUG_PATTERN, maxLength: 64 })),
        }),
      },
      onRequest: write,
    },
    async (request, reply) => {
      const body = request.body as {
        id: string;
        name: string;
        template: (typeof templates)[number];
        duplicateOf?: string;
      };
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
        flow = {
          $schema: "../schema/flow.schema.json",
          schemaVersion: 1,
          id: body.id,
          name: body.name,
          languages: ["fr"],
          nodes: [
            { id: "start", type: "start", next: "end" },
            { id: "end", type: "end" },
          ],
        } as Flow;
      }
      await saveDraft(body.id, { flow, author: author(request.user!), now: Date.now() });
      return reply.status(201).send({ id: body.id });
    },
  );

  app.delete(
    "/api/flows/:id",
    { schema: { tags: ["flows"], params: FlowId }, onRequest: write },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      await draftOr404(id);
      await drafts.remove(id);
      return reply.status(204).send();
    },
  );

  app.put(
    "/api/flows/:id/layout",
    {
      schema: {
        tags: ["flows"],
        params: FlowId,
        body: Type.Object({ layout: Type.Unknown(), baseRevision: Type.Optional(Revision) }),
      },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      await draftOr404(id);
      const { layout, baseRevision } = request.body as { layout: unknown; baseRevision?: string };
      checkLayout(layout, id);
      const revision = await saveDraft(id, {
        layout,
        author: author(request.user!),
        base: baseRevision,
        now: Date.now(),
      });
      return { revision };
    },
  );

  app.put(
    "/api/flows/:id/tests",
    { schema: { tags: ["flows"], params: FlowId, body: Type.Object({ tests: Type.Unknown() }) }, onRequest: write },
    async (request) => {
      const { id } = request.params as { id: string };
      await draftOr404(id);
      const { tests } = request.body as { tests: unknown };
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
        params: FlowId,
        body: Type.Object({
          note: Type.String({ maxLength: 2000 }),
          revision: Type.Optional(
            Type.String({
              pattern: Revision.pattern,
              description: "The draft revision the publisher reviewed; refused when the draft has changed since.",
            }),
          ),
        }),
      },
      onRequest: write,
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as { note: string; revision?: string };
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
      const published = await publishVersion(store, {
        flow: draft.flow,
        layout: draft.layout,
        author: request.user!.email,
        note: body.note,
        now: Date.now(),
      });
      request.log.info({ flowId: id, version: published.version }, "flow published");
      return reply.status(201).send(published);
    },
  );

  app.get(
    "/api/flows/:id/versions",
    { schema: { tags: ["flows"], params: FlowId }, onRequest: read },
    async (request) => {
      const { id } = request.params as { id: string };
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
        params: Type.Object({ id: FlowId.properties.id, version: Type.String({ pattern: "^[1-9][0-9]*$" }) }),
      },
      onRequest: read,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const version = Number((request.params as { version: string }).version);
      const found = await getVersion(store, id, version);
      if (!found) throw new DomainError("notFound", "UNKNOWN_VERSION", `Flow \`${id}\` has no version ${version}.`);
      return { flow: found.flow, layout: found.layout };
    },
  );

  app.post(
    "/api/flows/:id/rollback",
    {
      schema: { tags: ["flows"], params: FlowId, body: Type.Object({ version: Type.Integer({ minimum: 1 }) }) },
      onRequest: write,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { version } = request.body as { version: number };
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
        params: FlowId,
        querystring: Type.Object({
          from: Type.String({ pattern: "^(live|[0-9]+)$" }),
          to: Type.String({ pattern: "^(draft|live|[0-9]+)$" }),
        }),
      },
      onRequest: read,
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const { from, to } = request.query as { from: string; to: string };
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
}

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
