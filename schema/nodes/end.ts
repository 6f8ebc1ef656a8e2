import { type Static, Type } from "@sinclair/typebox";
import { Label, LocalizedText, NodeId } from "../common.js";
import { type NodeDefinition, templatesOf } from "./definition.js";

export const EndNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("end"),
    label: Type.Optional(Label),
    text: Type.Optional(LocalizedText),
  },
  { additionalProperties: false, description: "Ends the conversation, with an optional last message." },
);
export type EndNode = Static<typeof EndNode>;

export const end: NodeDefinition<EndNode> = {
  type: "end",
  schema: EndNode,
  create: (id) => ({ id, type: "end" }),
  transitions: () => [],
  connect: (node) => node,
  expressions: (node) => templatesOf(node.text, "/text"),
  writes: () => [],
  ui: {
    title: { fr: "Fin", en: "End" },
    description: { fr: "Termine la conversation.", en: "Ends the conversation." },
    color: "#4b5563",
    fields: [{ field: "text", widget: "localizedText", label: { fr: "Dernier message", en: "Last message" } }],
  },
};
