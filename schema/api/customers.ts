import { type Static, Type } from "@sinclair/typebox";

/* A customer's data on request: erasure, for the GDPR's right to be forgotten. */

export const CustomerParams = Type.Object({
  channel: Type.String({ pattern: "^[a-z][a-z0-9-]*$", maxLength: 32, description: "e.g. `whatsapp`, `webchat`." }),
  address: Type.String({ minLength: 1, maxLength: 200, description: "The customer, in the channel's terms." }),
});
export type CustomerParams = Static<typeof CustomerParams>;

export const ErasedRows = Type.Object(
  {
    conversations: Type.Integer({ minimum: 0 }),
    messages: Type.Integer({ minimum: 0 }),
    handoffs: Type.Integer({ minimum: 0 }),
    inbox: Type.Integer({ minimum: 0 }),
    outbox: Type.Integer({ minimum: 0 }),
  },
  { description: "What was deleted for one customer, table by table." },
);
export type ErasedRows = Static<typeof ErasedRows>;

export const Erased = Type.Composite([CustomerParams, ErasedRows]);
export type Erased = Static<typeof Erased>;
