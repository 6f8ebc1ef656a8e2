import { type Static, Type } from "@sinclair/typebox";

const Name = Type.String({ description: "The person's name as the team knows them." });
const From = Type.Union([Name, Type.Null()], { description: "Who held it before; null: nobody, it was waiting." });

/**
 * What people did to a conversation, kept in its transcript (`role: "event"`): the facts, which the
 * console words in the reader's language.
 */
export const TranscriptEvent = Type.Union([
  Type.Object({ kind: Type.Literal("takeover"), by: Name, from: From }),
  Type.Object({ kind: Type.Literal("reassign"), by: Name, from: From, to: Name }),
  Type.Object({ kind: Type.Literal("requeue"), by: Name, from: From, queue: Type.String() }),
  Type.Object({ kind: Type.Literal("release"), by: Name, nodeId: Type.String() }),
  Type.Object({ kind: Type.Literal("transfer"), by: Name, queue: Type.String() }),
  Type.Object({ kind: Type.Literal("resolve"), by: Name, disposition: Type.String() }),
]);
export type TranscriptEvent = Static<typeof TranscriptEvent>;
