import type { TSchema } from "@sinclair/typebox";
import { ConversationTestFileSchema } from "./conversation-test.js";
import { FlowSchema } from "./flow.js";
import { LayoutSchema } from "./layout.js";

const header = "Generated from schema/*.ts by `npm run schema:generate`; do not edit by hand.";

const asFile = (schema: TSchema) =>
  `${JSON.stringify(
    { $schema: "https://json-schema.org/draft/2020-12/schema", $comment: header, ...schema },
    null,
    2,
  )}\n`;

/** The text of each generated JSON Schema file, by its name in `schema/`. */
export function generatedSchemas(): Record<string, string> {
  return {
    "flow.schema.json": asFile(FlowSchema),
    "layout.schema.json": asFile(LayoutSchema),
    "conversation-test.schema.json": asFile(ConversationTestFileSchema),
  };
}
