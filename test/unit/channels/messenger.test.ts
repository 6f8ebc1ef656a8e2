import { describe, expect, it } from "vitest";
import { MalformedPayload, type SendContext } from "../../../runtime/channels/adapter.js";
import { parseMessenger } from "../../../runtime/channels/messenger/parse.js";
import { renderMessenger } from "../../../runtime/channels/messenger/render.js";

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 30, 12);
const open: SendContext = { lastCustomerAt: now - HOUR, now, fromAgent: false, language: "fr" };
const choices = (n: number, label = (i: number) => `Choix ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, label: label(i + 1) }));
const render = (message: Parameters<typeof renderMessenger>[0], context = open) => {
  const result = renderMessenger(message, context);
  if ("refused" in result) throw new Error(result.refused);
  return result;
};

describe("a bot message on Messenger", () => {
  it("is a response text within 24 hours", () => {
    expect(render({ nodeId: "n", text: "Bonjour" })).toEqual([
      { messaging_type: "RESPONSE", message: { text: "Bonjour" } },
    ]);
  });

  it("shows up to 3 choices as a button template of postbacks, titles cut at 20", () => {
    const [payload] = render({
      nodeId: "n",
      text: "Que voulez-vous ?",
      choices: [{ id: "track", label: "Suivre ma commande en cours" }, ...choices(2)],
    });
    expect(payload?.message).toEqual({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "Que voulez-vous ?",
          buttons: [
            { type: "postback", title: "Suivre ma commande…", payload: "track" },
            { type: "postback", title: "Choix 1", payload: "c1" },
            { type: "postback", title: "Choix 2", payload: "c2" },
          ],
        },
      },
    });
  });

  it("shows 4 to 13 choices (or a text over 640 with buttons) as quick replies, more as numbered lines", () => {
    const quick = render({ nodeId: "n", text: "Votre magasin ?", choices: choices(13) })[0]?.message as {
      quick_replies: { content_type: string; title: string; payload: string }[];
    };
    expect(quick.quick_replies).toHaveLength(13);
    expect(quick.quick_replies[0]).toEqual({ content_type: "text", title: "Choix 1", payload: "c1" });
    const long = render({ nodeId: "n", text: "x ".repeat(400), choices: choices(2) })[0]?.message;
    expect(long).toHaveProperty("quick_replies");
    const many = render({ nodeId: "n", text: "Votre magasin ?", choices: choices(14) });
    expect(many).toHaveLength(1);
    expect(many[0]?.message).toHaveProperty("text", expect.stringContaining("14. Choix 14"));
    expect(many[0]?.message).not.toHaveProperty("quick_replies");
  });

  it("splits a text over 2,000 characters, the choices on the last piece", () => {
    const payloads = render({ nodeId: "n", text: "mot ".repeat(700), choices: choices(5) });
    expect(payloads).toHaveLength(2);
    expect(payloads[1]?.message).toHaveProperty("quick_replies");
    for (const payload of payloads) expect([...String(payload.message.text)].length).toBeLessThanOrEqual(2000);
  });

  it("sends media as attachments first", () => {
    const payloads = render({ nodeId: "n", text: "Voici", media: [{ kind: "image", url: "https://x.fr/a.png" }] });
    expect(payloads[0]?.message).toEqual({
      attachment: { type: "image", payload: { url: "https://x.fr/a.png", is_reusable: true } },
    });
  });

  it("sends each caption as a text right after its attachment, which carries none", () => {
    const payloads = render({
      nodeId: "n",
      text: "Autre chose ?",
      media: [
        { kind: "image", url: "https://x.fr/colis.png", caption: "Votre colis au dépôt" },
        { kind: "file", url: "https://x.fr/facture.pdf" },
        { kind: "audio", url: "https://x.fr/message.mp3", caption: "é".repeat(2001) },
      ],
    });
    expect(payloads.map((payload) => payload.message)).toEqual([
      { attachment: { type: "image", payload: { url: "https://x.fr/colis.png", is_reusable: true } } },
      { text: "Votre colis au dépôt" },
      { attachment: { type: "file", payload: { url: "https://x.fr/facture.pdf", is_reusable: true } } },
      { attachment: { type: "audio", payload: { url: "https://x.fr/message.mp3", is_reusable: true } } },
      { text: "é".repeat(2000) },
      { text: "é" },
      { text: "Autre chose ?" },
    ]);
    for (const payload of payloads) expect(payload.messaging_type).toBe("RESPONSE");
  });

  it("after 24 hours tags a person's reply HUMAN_AGENT for 7 days, and refuses the bot", () => {
    const late = { ...open, lastCustomerAt: now - 30 * HOUR };
    expect(render({ nodeId: "agent:1", text: "Je reviens vers vous" }, { ...late, fromAgent: true })[0]).toEqual({
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Je reviens vers vous" },
    });
    expect(renderMessenger({ nodeId: "n", text: "Bonjour" }, late)).toHaveProperty("refused");
    expect(
      renderMessenger(
        { nodeId: "agent:1", text: "x" },
        { ...open, lastCustomerAt: now - 8 * 24 * HOUR, fromAgent: true },
      ),
    ).toHaveProperty("refused");
  });
});

describe("Messenger webhooks", () => {
  const page = (messaging: unknown[]) => ({ object: "page", entry: [{ id: "PAGE", time: 1, messaging }] });
  const from = { sender: { id: "PSID-1" }, recipient: { id: "PAGE" }, timestamp: 1458692752478 };
  it("reads texts, quick replies and postbacks", () => {
    expect(parseMessenger(page([{ ...from, message: { mid: "m_1", text: "Bonjour" } }]))).toEqual([
      { kind: "message", externalId: "m_1", address: "PSID-1", text: "Bonjour" },
    ]);
    expect(
      parseMessenger(page([{ ...from, message: { mid: "m_2", text: "Suivre", quick_reply: { payload: "track" } } }])),
    ).toEqual([{ kind: "message", externalId: "m_2", address: "PSID-1", choiceId: "track" }]);
    expect(parseMessenger(page([{ ...from, postback: { mid: "m_3", title: "Suivre", payload: "track" } }]))).toEqual([
      { kind: "message", externalId: "m_3", address: "PSID-1", choiceId: "track" },
    ]);
  });
  it("keeps attachments and stickers as unsupported and skips the page's own echoes", () => {
    const image = { mid: "m_4", attachments: [{ type: "image", payload: { url: "https://x" } }] };
    expect(parseMessenger(page([{ ...from, message: image }]))[0]).toMatchObject({ unsupported: "image" });
    expect(parseMessenger(page([{ ...from, message: { ...image, sticker_id: 369239263222822 } }]))[0]).toMatchObject({
      unsupported: "sticker",
    });
    expect(parseMessenger(page([{ ...from, message: { mid: "m_5", text: "x", is_echo: true } }]))).toEqual([]);
  });
  it("reads the words of a message that also carries a file, and keeps the file", () => {
    const photo = {
      ...from,
      message: {
        mid: "m_6",
        text: "Le colis est arrivé ainsi",
        attachments: [{ type: "image", payload: { url: "https://cdn.fbsbx.com/colis.jpg" } }],
      },
    };
    expect(parseMessenger(page([photo]))).toEqual([
      {
        kind: "message",
        externalId: "m_6",
        address: "PSID-1",
        text: "Le colis est arrivé ainsi",
        attachments: [{ kind: "image", url: "https://cdn.fbsbx.com/colis.jpg" }],
      },
    ]);
  });
  it("reads deliveries by message id and reads as a watermark", () => {
    expect(parseMessenger(page([{ ...from, delivery: { mids: ["m_a", "m_b"], watermark: 1458668856253 } }]))).toEqual([
      { kind: "status", providerMessageId: "m_a", status: "delivered" },
      { kind: "status", providerMessageId: "m_b", status: "delivered" },
    ]);
    expect(parseMessenger(page([{ ...from, read: { watermark: 1458668856253 } }]))).toEqual([
      { kind: "readUpTo", address: "PSID-1", at: 1458668856253 },
    ]);
  });
  it("refuses what is not a Messenger webhook", () => {
    expect(() => parseMessenger({ object: "whatsapp_business_account", entry: [] })).toThrow(MalformedPayload);
    expect(() => parseMessenger(page([{ message: { mid: "m" } }]))).toThrow(MalformedPayload);
    expect(() => parseMessenger(page([{ ...from, message: { text: "no mid" } }]))).toThrow(MalformedPayload);
  });
});
