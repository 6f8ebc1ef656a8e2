import { type Static, Type } from "@sinclair/typebox";

/*
 * How far each message an agent or the bot sent got: what `GET /api/conversations/:id/deliveries`
 * answers, for the agent console to show beside each message.
 */

export const DELIVERY_STATES = ["sending", "sent", "delivered", "read", "failed"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const MessageDelivery = Type.Object(
  {
    messageId: Type.Integer({ description: "The transcript entry the status is for." }),
    state: Type.Union(
      [
        Type.Literal("sending"),
        Type.Literal("sent"),
        Type.Literal("delivered"),
        Type.Literal("read"),
        Type.Literal("failed"),
      ],
      {
        description:
          "`sending` until the channel took it (retries included), then what the provider last reported; `failed` once it gave up or the provider refused it.",
      },
    ),
    error: Type.Optional(Type.String({ description: "The provider's or the channel's reason, as it gave it." })),
    attempts: Type.Integer({ minimum: 0, description: "Failed sends so far." }),
  },
  { additionalProperties: false },
);
export type MessageDelivery = Static<typeof MessageDelivery>;

export const MessageDeliveries = Type.Array(MessageDelivery);
