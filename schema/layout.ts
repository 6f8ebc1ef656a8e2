import { type Static, Type } from "@sinclair/typebox";
import { SLUG_PATTERN } from "./common.js";

export const Position = Type.Object(
  { x: Type.Integer(), y: Type.Integer() },
  { additionalProperties: false, description: "Where a node sits on the canvas, in whole pixels." },
);
export type Position = Static<typeof Position>;

export const StickyNote = Type.Object(
  {
    id: Type.String({ pattern: SLUG_PATTERN }),
    text: Type.String(),
    x: Type.Integer(),
    y: Type.Integer(),
    width: Type.Optional(Type.Integer({ minimum: 40 })),
    height: Type.Optional(Type.Integer({ minimum: 40 })),
  },
  { additionalProperties: false, description: "A sticky note for the people who edit the flow." },
);
export type StickyNote = Static<typeof StickyNote>;

export const LayoutSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    flow: Type.String({ pattern: SLUG_PATTERN, description: "The id of the flow this layout belongs to." }),
    nodes: Type.Record(Type.String({ pattern: SLUG_PATTERN }), Position, {
      description: "Node positions by node id; nodes left out are placed by auto-layout.",
    }),
    notes: Type.Optional(Type.Array(StickyNote)),
  },
  {
    additionalProperties: false,
    $id: "https://relais.dev/schema/layout.schema.json",
    title: "Relais flow layout",
  },
);
export type Layout = Static<typeof LayoutSchema>;
