import { type Static, Type } from "@sinclair/typebox";
import { Expression, Label, NodeId, Slug, target } from "../common.js";
import { type NodeDefinition, withField, withItemTarget } from "./definition.js";

export const ConditionRule = Type.Object(
  {
    id: Slug,
    when: Expression,
    next: target("Where to go when this rule is the first one that holds."),
  },
  { additionalProperties: false },
);

export const ConditionNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("condition"),
    label: Type.Optional(Label),
    rules: Type.Array(ConditionRule, { minItems: 1, description: "Checked in order; the first that holds wins." }),
    else: target("Where to go when no rule holds."),
  },
  { additionalProperties: false, description: "Routes on rules over the variables, checked in order." },
);
export type ConditionNode = Static<typeof ConditionNode>;

export const condition: NodeDefinition<ConditionNode> = {
  type: "condition",
  schema: ConditionNode,
  create: (id) => ({ id, type: "condition", rules: [{ id: "rule-1", when: "true" }] }),
  transitions: (node) => [
    ...node.rules.map((rule, i) => ({
      handle: `rule:${rule.id}`,
      target: rule.next,
      label: rule.when,
      pointer: `/rules/${i}/next`,
      required: true,
    })),
    { handle: "else", target: node.else, label: { fr: "sinon", en: "else" }, pointer: "/else", required: true },
  ],
  connect: (node, handle, target) =>
    handle.startsWith("rule:")
      ? withItemTarget(node, "rules", handle.slice(5), "next", target)
      : withField(node, "else", target),
  expressions: (node) =>
    node.rules.map((rule, i) => ({ pointer: `/rules/${i}/when`, source: rule.when, kind: "expression" })),
  writes: () => [],
  ui: {
    title: { fr: "Condition", en: "Condition" },
    description: { fr: "Oriente selon des règles sur les variables.", en: "Routes on rules over variables." },
    color: "#ca8a04",
    fields: [{ field: "rules", widget: "rules", label: { fr: "Règles", en: "Rules" } }],
  },
};
