import { type Static, Type } from "@sinclair/typebox";
import { Label, NodeId, target } from "../common.js";
import { type NodeDefinition, THEN, withField } from "./definition.js";

export const StartNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("start"),
    label: Type.Optional(Label),
    next: target("The first step of the conversation."),
  },
  { additionalProperties: false, description: "Where every conversation of this flow begins." },
);
export type StartNode = Static<typeof StartNode>;

export const start: NodeDefinition<StartNode> = {
  type: "start",
  schema: StartNode,
  create: (id) => ({ id, type: "start" }),
  transitions: (node) => [{ handle: "next", target: node.next, label: THEN, pointer: "/next", required: true }],
  connect: (node, _handle, target) => withField(node, "next", target),
  expressions: () => [],
  writes: () => [],
  ui: {
    title: { fr: "Début", en: "Start" },
    description: { fr: "Le point d'entrée du parcours.", en: "Where the flow begins." },
    color: "#16a34a",
    fields: [],
  },
};
