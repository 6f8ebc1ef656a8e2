import { describe, expect, it } from "vitest";
import { parseMessenger } from "../../../runtime/channels/messenger/parse.js";
import { parseTwilio } from "../../../runtime/channels/sms/parse.js";
import { parseWhatsApp } from "../../../runtime/channels/whatsapp/parse.js";
import { whatsappMessage } from "../../fixtures/whatsapp-webhook.js";

const whatsapp = (message: Record<string, unknown>) => whatsappMessage("16505551234", "wamid.media", message);

describe("attachments a customer sends", () => {
  it("keeps a WhatsApp image's media id, type and caption, and a document's file name", () => {
    const image = whatsapp({
      type: "image",
      image: {
        caption: "Le colis abîmé",
        mime_type: "image/jpeg",
        sha256: "iMiiPFgMbkvFw4bmjjdNgFOr+/rk0xSvCy+cJg3GkQI=",
        id: "1003383421387256",
      },
    });
    expect(parseWhatsApp(image)).toEqual([
      {
        kind: "message",
        externalId: "wamid.media",
        address: "16505551234",
        unsupported: "image",
        attachments: [{ kind: "image", mediaId: "1003383421387256", mime: "image/jpeg", caption: "Le colis abîmé" }],
      },
    ]);
    const document = whatsapp({
      type: "document",
      document: {
        filename: "facture-4512.pdf",
        mime_type: "application/pdf",
        sha256: "3b4f3f…",
        id: "1090421482512089",
      },
    });
    expect(parseWhatsApp(document)[0]).toMatchObject({
      unsupported: "document",
      attachments: [
        { kind: "file", mediaId: "1090421482512089", mime: "application/pdf", fileName: "facture-4512.pdf" },
      ],
    });
    const location = whatsapp({ type: "location", location: { latitude: 48.85, longitude: 2.35 } });
    expect(parseWhatsApp(location)[0]).not.toHaveProperty("attachments");
  });

  it("keeps Messenger's attachments with their addresses, skipping those with no file", () => {
    const body = {
      object: "page",
      entry: [
        {
          id: "1234",
          time: 1458692752478,
          messaging: [
            {
              sender: { id: "6901234567" },
              recipient: { id: "1234" },
              timestamp: 1458692752478,
              message: {
                mid: "m_photo",
                attachments: [
                  { type: "image", payload: { url: "https://scontent.xx.fbcdn.net/v/photo.jpg?oh=1" } },
                  { type: "location", payload: { coordinates: { lat: 48.85, long: 2.35 } } },
                  { type: "file", payload: { url: "https://cdn.fbsbx.com/v/notice.pdf" } },
                ],
              },
            },
          ],
        },
      ],
    };
    expect(parseMessenger(body)).toEqual([
      {
        kind: "message",
        externalId: "m_photo",
        address: "6901234567",
        unsupported: "image",
        attachments: [
          { kind: "image", url: "https://scontent.xx.fbcdn.net/v/photo.jpg?oh=1" },
          { kind: "file", url: "https://cdn.fbsbx.com/v/notice.pdf" },
        ],
      },
    ]);
  });

  it("keeps a Twilio MMS's files, with the text read when there is one", () => {
    const form = {
      MessageSid: "MM6a1b2c3d4e5f",
      AccountSid: "ACxxxxxxxx",
      From: "+33612345678",
      To: "+33700000000",
      Body: "Voici la photo",
      NumMedia: "2",
      MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/ACxxxxxxxx/Messages/MM6a1b2c3d4e5f/Media/ME1",
      MediaContentType0: "image/png",
      MediaUrl1: "https://api.twilio.com/2010-04-01/Accounts/ACxxxxxxxx/Messages/MM6a1b2c3d4e5f/Media/ME2",
      MediaContentType1: "application/pdf",
    };
    expect(parseTwilio(form)).toEqual([
      {
        kind: "message",
        externalId: "MM6a1b2c3d4e5f",
        address: "+33612345678",
        text: "Voici la photo",
        attachments: [
          { kind: "image", url: form.MediaUrl0, mime: "image/png" },
          { kind: "file", url: form.MediaUrl1, mime: "application/pdf" },
        ],
      },
    ]);
    expect(parseTwilio({ ...form, Body: "" })[0]).toMatchObject({ unsupported: "media" });
  });
});
