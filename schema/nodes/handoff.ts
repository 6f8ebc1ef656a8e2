import { type Static, Type } from "@sinclair/typebox";
import { Label, LocalizedText, NodeId, Priority, Slug } from "../common.js";
import { type NodeDefinition, templatesOf } from "./definition.js";

export const HandoffNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("handoff"),
    label: Type.Optional(Label),
    queue: Slug,
    priority: Type.Optional(Priority),
    text: Type.Optional(LocalizedText),
    note: Type.Optional(
      Type.String({ description: "A note for the agent, with `{{ }}` templates; customers never see it." }),
    ),
  },
  {
    additionalProperties: false,
    description: "Hands the conversation to a person in a queue, with everything collected so far.",
  },
);
export type HandoffNode = Static<typeof HandoffNode>;

export const handoff: NodeDefinition<HandoffNode> = {
  type: "handoff",
  schema: HandoffNode,
  create: (id) => ({ id, type: "handoff", queue: "support", priority: "normal" }),
  transitions: () => [],
  connect: (node) => node,
  expressions: (node) => [...templatesOf(node.text, "/text"), ...templatesOf(node.note, "/note")],
  writes: () => [],
  ui: {
    title: { fr: "Vers un conseiller", en: "Hand over" },
    description: {
      fr: "Transfère la conversation à une personne, avec tout ce qui a été recueilli.",
      en: "Hands the conversation to a person with everything collected.",
    },
    color: "#dc2626",
    fields: [
      { field: "queue", widget: "queue", label: { fr: "File", en: "Queue" } },
      {
        field: "priority",
        widget: "select",
        label: { fr: "Priorité", en: "Priority" },
        options: ["low", "normal", "high", "urgent"],
      },
      { field: "text", widget: "localizedText", label: { fr: "Message au client", en: "Message to the customer" } },
      { field: "note", widget: "template", label: { fr: "Note pour le conseiller", en: "Note for the agent" } },
    ],
  },
};
