import { type Static, Type } from "@sinclair/typebox";
import { Label, LocalizedText, NodeId, Slug, target } from "../common.js";
import { type NodeDefinition, THEN, templatesOf, withField, withItemTarget } from "./definition.js";

export const Media = Type.Object(
  {
    kind: Type.Union([Type.Literal("image"), Type.Literal("video"), Type.Literal("audio"), Type.Literal("file")]),
    url: Type.String({ minLength: 1, description: "Public URL of the file; `{{ }}` templates allowed." }),
    caption: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
);
export type Media = Static<typeof Media>;

export const MessageChoice = Type.Object(
  {
    id: Slug,
    label: LocalizedText,
    next: target("Where this choice leads."),
  },
  { additionalProperties: false, description: "A reply button: the customer taps it or types its label." },
);
export type MessageChoice = Static<typeof MessageChoice>;

export const MessageNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("message"),
    label: Type.Optional(Label),
    text: LocalizedText,
    media: Type.Optional(Type.Array(Media, { maxItems: 10 })),
    choices: Type.Optional(
      Type.Array(MessageChoice, {
        maxItems: 10,
        description: "Buttons; with choices, the flow waits for the customer to pick one.",
      }),
    ),
    fallback: target("Where to go when the answer matches no choice; without it the message is sent again."),
    next: target("Where to go after the message when it has no choices."),
  },
  {
    additionalProperties: false,
    description: "Sends a message; with choices it waits for one of them, otherwise it goes straight on.",
  },
);
export type MessageNode = Static<typeof MessageNode>;

export const message: NodeDefinition<MessageNode> = {
  type: "message",
  schema: MessageNode,
  create: (id) => ({ id, type: "message", text: { fr: "Nouveau message", en: "New message" } }),
  transitions: (node) =>
    node.choices?.length
      ? [
          ...node.choices.map((choice, i) => ({
            handle: `choice:${choice.id}`,
            target: choice.next,
            label: typeof choice.label === "string" ? choice.label : (Object.values(choice.label)[0] ?? choice.id),
            pointer: `/choices/${i}/next`,
            required: true,
          })),
          {
            handle: "fallback",
            target: node.fallback,
            label: { fr: "autre réponse", en: "other answer" },
            pointer: "/fallback",
            required: false,
          },
        ]
      : [{ handle: "next", target: node.next, label: THEN, pointer: "/next", required: true }],
  connect: (node, handle, target) => {
    if (handle.startsWith("choice:")) return withItemTarget(node, "choices", handle.slice(7), "next", target);
    return withField(node, handle === "fallback" ? "fallback" : "next", target);
  },
  expressions: (node) => [
    ...templatesOf(node.text, "/text"),
    ...(node.media ?? []).flatMap((media, i) => [
      ...templatesOf(media.url, `/media/${i}/url`),
      ...templatesOf(media.caption, `/media/${i}/caption`),
    ]),
    ...(node.choices ?? []).flatMap((choice, i) => templatesOf(choice.label, `/choices/${i}/label`)),
  ],
  writes: () => [],
  ui: {
    title: { fr: "Message", en: "Message" },
    description: {
      fr: "Envoie un texte, des médias ou des boutons.",
      en: "Sends text, media or buttons.",
    },
    color: "#2563eb",
    fields: [
      { field: "text", widget: "localizedText", label: { fr: "Texte", en: "Text" } },
      { field: "media", widget: "media", label: { fr: "Médias", en: "Media" } },
      {
        field: "choices",
        widget: "choices",
        label: { fr: "Boutons", en: "Buttons" },
        help: {
          fr: "WhatsApp affiche 3 boutons de 20 caractères, ou une liste de 10 lignes de 24.",
          en: "WhatsApp shows 3 buttons of 20 characters, or a list of 10 rows of 24.",
        },
      },
    ],
  },
};
