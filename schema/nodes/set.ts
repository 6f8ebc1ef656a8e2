import { type Static, Type } from "@sinclair/typebox";
import { Expression, Label, NodeId, target, VariablePath } from "../common.js";
import { type NodeDefinition, THEN, variableNamedAfter, withField } from "./definition.js";

export const Assignment = Type.Object(
  {
    variable: VariablePath,
    value: Expression,
  },
  { additionalProperties: false, description: "Sets a variable to the value of an expression." },
);

export const SetNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("set"),
    label: Type.Optional(Label),
    assign: Type.Array(Assignment, { minItems: 1 }),
    next: target("Where to go after setting the variables."),
  },
  { additionalProperties: false, description: "Sets variables, in order, from expressions." },
);
export type SetNode = Static<typeof SetNode>;

export const set: NodeDefinition<SetNode> = {
  type: "set",
  schema: SetNode,
  create: (id) => ({ id, type: "set", assign: [{ variable: variableNamedAfter(id), value: "1" }] }),
  transitions: (node) => [{ handle: "next", target: node.next, label: THEN, pointer: "/next", required: true }],
  connect: (node, _handle, target) => withField(node, "next", target),
  expressions: (node) =>
    node.assign.map((assignment, i) => ({
      pointer: `/assign/${i}/value`,
      source: assignment.value,
      kind: "expression",
    })),
  writes: (node) => node.assign.map((assignment) => assignment.variable),
  ui: {
    title: { fr: "Variables", en: "Set variables" },
    description: { fr: "Calcule et enregistre des variables.", en: "Computes and saves variables." },
    color: "#0891b2",
    fields: [{ field: "assign", widget: "assignments", label: { fr: "Affectations", en: "Assignments" } }],
  },
};
