import { type Static, Type } from "@sinclair/typebox";
import { Label, NodeId, Slug, target } from "../common.js";
import { type NodeDefinition, withField } from "./definition.js";

export const JumpNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("jump"),
    label: Type.Optional(Label),
    flow: Slug,
    next: target("Where to continue when the other flow reaches a `return` node."),
  },
  {
    additionalProperties: false,
    description: "Runs another flow, sharing the variables; its `return` node comes back here.",
  },
);
export type JumpNode = Static<typeof JumpNode>;

export const jump: NodeDefinition<JumpNode> = {
  type: "jump",
  schema: JumpNode,
  create: (id) => ({ id, type: "jump", flow: "identify-customer" }),
  transitions: (node) => [
    {
      handle: "next",
      target: node.next,
      label: { fr: "au retour", en: "on return" },
      pointer: "/next",
      required: true,
    },
  ],
  connect: (node, _handle, target) => withField(node, "next", target),
  expressions: () => [],
  writes: () => [],
  ui: {
    title: { fr: "Autre parcours", en: "Jump to flow" },
    description: { fr: "Enchaîne sur un autre parcours puis revient.", en: "Runs another flow, then comes back." },
    color: "#7c3aed",
    fields: [{ field: "flow", widget: "flow", label: { fr: "Parcours", en: "Flow" } }],
  },
};
