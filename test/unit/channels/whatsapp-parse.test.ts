import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MalformedPayload } from "../../../runtime/channels/adapter.js";
import { metaChallenge, verifyMetaSignature } from "../../../runtime/channels/meta-signature.js";
import { parseWhatsApp } from "../../../runtime/channels/whatsapp/parse.js";

/** A Cloud API webhook as Meta documents it (developers.facebook.com/docs/whatsapp/cloud-api/webhooks). */
const webhook = (value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "102290129340398",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
            ...value,
          },
        },
      ],
    },
  ],
});
const message = (fields: Record<string, unknown>) => ({
  contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
  messages: [
    {
      from: "16505551234",
      id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
      timestamp: "1749416383",
      ...fields,
    },
  ],
});

describe("WhatsApp webhooks", () => {
  it("reads a text message", () => {
    expect(parseWhatsApp(webhook(message({ type: "text", text: { body: "Où est mon colis ?" } })))).toEqual([
      {
        kind: "message",
        externalId: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
        address: "16505551234",
        text: "Où est mon colis ?",
      },
    ]);
  });

  it("reads a reply button and a list row as the choice's id", () => {
    const button = message({
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "track", title: "Suivre" } },
    });
    expect(parseWhatsApp(webhook(button))[0]).toMatchObject({ choiceId: "track" });
    const row = message({
      type: "interactive",
      interactive: { type: "list_reply", list_reply: { id: "store-7", title: "Lyon", description: "Part-Dieu" } },
    });
    expect(parseWhatsApp(webhook(row))[0]).toMatchObject({ choiceId: "store-7" });
  });

  it("keeps stickers, locations, reactions and audio as unsupported, never as text", () => {
    for (const [type, body] of [
      ["sticker", { sticker: { id: "1", mime_type: "image/webp" } }],
      ["location", { location: { latitude: 45.7, longitude: 4.8 } }],
      ["reaction", { reaction: { message_id: "wamid.x", emoji: "👍" } }],
      ["audio", { audio: { id: "2", mime_type: "audio/ogg" } }],
    ] as const) {
      const [event] = parseWhatsApp(webhook(message({ type, ...body })));
      expect(event).toMatchObject({ kind: "message", unsupported: type });
      expect(event).not.toHaveProperty("text");
    }
  });

  it("reads statuses, with the error of a failed one, and skips statuses Relais does not track", () => {
    const statuses = {
      statuses: [
        { id: "wamid.A", status: "delivered", timestamp: "1", recipient_id: "16505551234" },
        {
          id: "wamid.B",
          status: "failed",
          timestamp: "2",
          recipient_id: "16505551234",
          errors: [{ code: 131047, title: "Re-engagement message" }],
        },
        { id: "wamid.C", status: "deleted", timestamp: "3", recipient_id: "16505551234" },
      ],
    };
    expect(parseWhatsApp(webhook(statuses))).toEqual([
      { kind: "status", providerMessageId: "wamid.A", status: "delivered" },
      { kind: "status", providerMessageId: "wamid.B", status: "failed", error: "131047 Re-engagement message" },
    ]);
  });

  it("refuses what is not a WhatsApp webhook", () => {
    for (const body of [null, [], { object: "page", entry: [] }, { object: "whatsapp_business_account" }]) {
      expect(() => parseWhatsApp(body)).toThrow(MalformedPayload);
    }
    expect(() => parseWhatsApp(webhook({ messages: [{ type: "text" }] }))).toThrow(MalformedPayload);
    expect(() => parseWhatsApp({ object: "whatsapp_business_account", entry: [{ changes: [{}] }] })).toThrow(
      MalformedPayload,
    );
  });
});

describe("Meta's signature and handshake", () => {
  const rawBody = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  const sign = (secret: string) => `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
  it("accepts the HMAC-SHA256 of the raw body with the app secret, nothing else", () => {
    expect(verifyMetaSignature({ rawBody, headers: { "x-hub-signature-256": sign("s3cret") } }, "s3cret")).toBe(true);
    expect(verifyMetaSignature({ rawBody, headers: { "x-hub-signature-256": sign("other") } }, "s3cret")).toBe(false);
    expect(verifyMetaSignature({ rawBody, headers: {} }, "s3cret")).toBe(false);
    expect(verifyMetaSignature({ rawBody, headers: { "x-hub-signature-256": "sha256=abcd" } }, "s3cret")).toBe(false);
    const tampered = Buffer.from(rawBody.toString().replace("[]", "[1]"));
    expect(
      verifyMetaSignature({ rawBody: tampered, headers: { "x-hub-signature-256": sign("s3cret") } }, "s3cret"),
    ).toBe(false);
  });
  it("echoes the challenge only for subscribe with the right token", () => {
    const query = { "hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "1158201444" };
    expect(metaChallenge(query, "tok")).toBe("1158201444");
    expect(metaChallenge({ ...query, "hub.verify_token": "bad" }, "tok")).toBeUndefined();
    expect(metaChallenge({ ...query, "hub.mode": "unsubscribe" }, "tok")).toBeUndefined();
  });
});
