import { type Static, Type } from "@sinclair/typebox";
import { CHANNELS, type Channel } from "../channel-capabilities.js";
import { SLUG_PATTERN } from "../common.js";
import type { ConversationTestFile } from "../conversation-test.js";
import type { Flow } from "../flow.js";
import type { Layout } from "../layout.js";
import { Problem } from "../problem.js";

/*
 * The flows API's contract: the drafts the designer edits, their versions and what publishing answers,
 * shared by the runtime (validation, serialisation, OpenAPI) and the designer (types).
 */

const FlowIdText = Type.String({ pattern: SLUG_PATTERN, maxLength: 64, description: "The flow id." });

export const FlowIdParams = Type.Object({ id: FlowIdText });
export type FlowIdParams = Static<typeof FlowIdParams>;

const RevisionId = Type.String({ pattern: "^[0-9a-f]{16}$" });

/** A flow file's content as stored; it was checked against schema/flow.schema.json when it came in. */
const FlowContent = Type.Unsafe<Flow>({ description: "A flow, as in `<id>.flow.json` (schema/flow.schema.json)." });
const LayoutContent = Type.Unsafe<Layout | null>({
  description: "Where its nodes sit on the canvas, as in `<id>.layout.json`; null when there is none or it is damaged.",
});

export const DraftRevision = Type.Object(
  {
    id: { ...RevisionId, description: "A hash of the flow and layout files as they are on disk." },
    savedBy: Type.Union([Type.String(), Type.Null()], {
      description: "Who saved it through the runtime; null when the files were changed outside it.",
    }),
    savedAt: Type.String({ description: "When (ISO 8601): the save, or the flow file's modification time." }),
  },
  { description: "Which saved state of a draft an editor started from, and who saved it when." },
);
export type DraftRevision = Static<typeof DraftRevision>;

export const FlowSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  languages: Type.Array(Type.String()),
  nodeCount: Type.Integer({ minimum: 0 }),
  live: Type.Union(
    [
      Type.Object({
        version: Type.Integer({ minimum: 1 }),
        hash: Type.String(),
        publishedAt: Type.Integer({ description: "Milliseconds since 1970 (UTC)." }),
      }),
      Type.Null(),
    ],
    { description: "The version customers talk to; null when none is published." },
  ),
  draftHash: Type.Union([Type.String(), Type.Null()], {
    description: "The draft's content hash; null when there is no draft file or it does not validate.",
  }),
  changed: Type.Boolean({ description: "The draft differs from the live version." }),
  problems: Type.Object({ errors: Type.Integer({ minimum: 0 }), warnings: Type.Integer({ minimum: 0 }) }),
});
export type FlowSummary = Static<typeof FlowSummary>;

export const FlowFile = Type.Object({
  id: Type.String(),
  revision: DraftRevision,
  flow: Type.Unsafe<Flow | null>({
    description:
      "The flow, as in `<id>.flow.json`; null when the file does not parse or validate (`problems` says why).",
  }),
  raw: Type.String({ description: "The flow file's text as it is on disk." }),
  layout: LayoutContent,
  tests: Type.Unsafe<ConversationTestFile | null>({
    description: "Its conversation tests, as in `<id>.test.json`; null when there are none.",
  }),
  problems: Type.Array(Problem),
});
export type FlowFile = Static<typeof FlowFile>;

export const FlowChannels = Type.Object(
  {
    channels: Type.Array(Type.Unsafe<Channel>({ type: "string", enum: [...CHANNELS] }), {
      description:
        "The channels that start it, or start a flow that reaches it through jumps (WhatsApp, Messenger, SMS, as set in the environment or by an admin), and the web chat and REST channel, which start any flow.",
    }),
  },
  { description: "The channels a flow is published on: the lint checks their limits, not the others'." },
);
export type FlowChannels = Static<typeof FlowChannels>;

export const SaveFlowBody = Type.Object({
  flow: Type.Unknown({ description: "The whole flow; checked against the flow schema, then linted." }),
  layout: Type.Optional(Type.Unknown({ description: "The layout, saved with it when given." })),
  baseRevision: Type.Optional({
    ...RevisionId,
    description: "The draft revision the editor started from (`revision.id` of GET /api/flows/:id).",
  }),
});
export type SaveFlowBody = Static<typeof SaveFlowBody>;

export const SavedFlow = Type.Object({
  problems: Type.Array(Problem, { description: "The lint's findings on what was saved." }),
  revision: DraftRevision,
});
export type SavedFlow = Static<typeof SavedFlow>;

export const FlowTemplate = Type.Union(
  [Type.Literal("blank"), Type.Literal("identify-customer"), Type.Literal("order-status"), Type.Literal("triage")],
  { description: "What a new flow starts from." },
);
export type FlowTemplate = Static<typeof FlowTemplate>;
export const FLOW_TEMPLATES: readonly FlowTemplate[] = FlowTemplate.anyOf.map((literal) => literal.const);

export const CreateFlowBody = Type.Object({
  id: FlowIdText,
  name: Type.String({ minLength: 1, maxLength: 120 }),
  template: FlowTemplate,
  duplicateOf: Type.Optional({ ...FlowIdText, description: "A flow to copy instead of the template." }),
});
export type CreateFlowBody = Static<typeof CreateFlowBody>;

export const CreatedFlow = Type.Object({ id: Type.String() });
export type CreatedFlow = Static<typeof CreatedFlow>;

export const SaveLayoutBody = Type.Object({
  layout: Type.Unknown({ description: "The whole layout; checked against the layout schema." }),
  baseRevision: Type.Optional(SaveFlowBody.properties.baseRevision),
});
export type SaveLayoutBody = Static<typeof SaveLayoutBody>;

export const SavedLayout = Type.Object({ revision: DraftRevision });
export type SavedLayout = Static<typeof SavedLayout>;

export const SaveTestsBody = Type.Object({
  tests: Type.Unknown({ description: "The whole test file; checked against the conversation test schema." }),
});
export type SaveTestsBody = Static<typeof SaveTestsBody>;

export const Saved = Type.Object({}, { description: "Saved; nothing more to say." });

export const PublishBody = Type.Object({
  note: Type.String({ maxLength: 2000, description: "What changed, for the version history." }),
  revision: Type.Optional({
    ...RevisionId,
    description: "The draft revision the publisher reviewed; refused when the draft has changed since.",
  }),
});
export type PublishBody = Static<typeof PublishBody>;

export const Published = Type.Object({
  version: Type.Integer({ minimum: 1, description: "The new version, live from now on." }),
  hash: Type.String({ description: "Its content hash." }),
  problems: Type.Array(Problem, {
    description: "The warnings it went live with, the channel limits of the channels it is published on among them.",
  }),
});
export type Published = Static<typeof Published>;

export const VersionSummary = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  hash: Type.String(),
  author: Type.String({ description: "Who published it (an email)." }),
  note: Type.String(),
  createdAt: Type.Integer({ description: "When it was published, milliseconds since 1970 (UTC)." }),
  live: Type.Boolean({ description: "It is the version customers talk to." }),
});
export type VersionSummary = Static<typeof VersionSummary>;

export const VersionParams = Type.Object({
  id: FlowIdText,
  version: Type.String({ pattern: "^[1-9][0-9]*$", description: "A published version number." }),
});
export type VersionParams = Static<typeof VersionParams>;

export const FlowVersionContent = Type.Object({ flow: FlowContent, layout: LayoutContent });
export type FlowVersionContent = Static<typeof FlowVersionContent>;

export const RollbackBody = Type.Object({
  version: Type.Integer({ minimum: 1, description: "The published version to make live again." }),
});
export type RollbackBody = Static<typeof RollbackBody>;

export const RolledBack = Type.Object({ live: Type.Integer({ minimum: 1, description: "The version now live." }) });
export type RolledBack = Static<typeof RolledBack>;

export const DiffQuery = Type.Object({
  from: Type.String({ pattern: "^(live|[0-9]+)$", description: "`live` or a version number." }),
  to: Type.String({ pattern: "^(draft|live|[0-9]+)$", description: "`draft`, `live` or a version number." }),
});
export type DiffQuery = Static<typeof DiffQuery>;
