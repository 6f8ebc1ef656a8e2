import { type Static, Type } from "@sinclair/typebox";

/* What the providers' webhooks (WhatsApp, Messenger, Twilio SMS) receive and answer. */

export const HandshakeQuery = Type.Object({
  "hub.mode": Type.Optional(Type.String({ maxLength: 64 })),
  "hub.verify_token": Type.Optional(Type.String({ maxLength: 500 })),
  "hub.challenge": Type.Optional(Type.String({ maxLength: 500 })),
});
export type HandshakeQuery = Static<typeof HandshakeQuery>;

export const HandshakeAnswer = Type.String({ description: "`hub.challenge`, echoed as text." });

export const MetaSignatureHeaders = Type.Object({
  "x-hub-signature-256": Type.Optional(
    Type.String({ maxLength: 200, description: "`sha256=<HMAC of the raw body with the app secret>`." }),
  ),
});

export const TwilioSignatureHeaders = Type.Object({
  "x-twilio-signature": Type.Optional(Type.String({ maxLength: 200 })),
});

export const ProviderUpdate = Type.Unknown({
  description: "The provider's own webhook payload, read only once its signature over the raw bytes passed.",
});

export const WebhookAnswer = Type.Object({
  received: Type.Integer({ minimum: 0, description: "Updates read: messages and delivery statuses." }),
});
export type WebhookAnswer = Static<typeof WebhookAnswer>;

export const EmptyTwiml = Type.String({ description: "An empty TwiML `<Response>`: replies go through the REST API." });
