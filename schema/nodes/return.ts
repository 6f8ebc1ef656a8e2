import { type Static, Type } from "@sinclair/typebox";
import { Label, NodeId } from "../common.js";
import type { NodeDefinition } from "./definition.js";

export const ReturnNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("return"),
    label: Type.Optional(Label),
  },
  {
    additionalProperties: false,
    description: "Goes back to the flow that jumped here; ends the conversation when no flow did.",
  },
);
export type ReturnNode = Static<typeof ReturnNode>;

export const returnNode: NodeDefinition<ReturnNode> = {
  type: "return",
  schema: ReturnNode,
  create: (id) => ({ id, type: "return" }),
  transitions: () => [],
  connect: (node) => node,
  expressions: () => [],
  writes: () => [],
  ui: {
    title: { fr: "Retour", en: "Return" },
    description: { fr: "Revient au parcours appelant.", en: "Goes back to the calling flow." },
    color: "#7c3aed",
    fields: [],
  },
};
