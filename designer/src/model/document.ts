import type { Flow, Layout } from "../../../schema/index.js";

/** What the designer edits: the flow (logic, saved as `<id>.flow.json`) and its layout (saved apart). */
export interface FlowDocument {
  flow: Flow;
  layout: Layout;
}

export const emptyLayout = (flowId: string): Layout => ({
  $schema: "../schema/layout.schema.json",
  flow: flowId,
  nodes: {},
});
