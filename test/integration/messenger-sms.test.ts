import { createHmac } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twilioSignature } from "../../runtime/channels/sms/signature.js";
import type { Built } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";
import { buildWithChoices } from "./providers/setup.js";

const graph = new FakeProvider((request, n) => ({
  body: { recipient_id: JSON.parse(request.body).recipient.id, message_id: `m_out-${n}` },
}));
const twilio = new FakeProvider((_request, n) => ({ status: 201, body: { sid: `SMout${n}`, status: "queued" } }));
const TWILIO_URL = "https://relais.example.fr/webhooks/twilio";
let built: Built;

beforeAll(async () => {
  built = await buildWithChoices({
    MESSENGER_APP_SECRET: "messenger-secret",
    MESSENGER_VERIFY_TOKEN: "verify-messenger",
    MESSENGER_PAGE_TOKEN: "page-token",
    MESSENGER_FLOW: "choices",
    MESSENGER_API_URL: await graph.start(),
    TWILIO_ACCOUNT_SID: "AC0123456789abcdef",
    TWILIO_AUTH_TOKEN: "twilio-auth-token",
    TWILIO_PUBLIC_URL: TWILIO_URL,
    TWILIO_FROM: "+33700000000",
    TWILIO_FLOW: "choices",
    TWILIO_API_URL: await twilio.start(),
    RELAIS_OUTBOX_RETRY_MS: "20",
  });
});
afterAll(async () => {
  await built?.close();
  await graph.stop();
  await twilio.stop();
});

const inboxSize = async () =>
  (await built.app.store.read((db) => db.select().from(built.app.store.tables.inbox))).length;

describe("the Messenger webhook", () => {
  const page = (messaging: unknown[]) => ({ object: "page", entry: [{ id: "PAGE", time: 1, messaging }] });
  const from = (psid: string) => ({ sender: { id: psid }, recipient: { id: "PAGE" }, timestamp: Date.now() });
  const post = (body: unknown, secret = "messenger-secret") => {
    const raw = JSON.stringify(body);
    return built.app.inject({
      method: "POST",
      url: "/webhooks/messenger",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`,
      },
      payload: raw,
    });
  };
  const sentTo = (psid: string) =>
    graph.json().filter((body) => (body.recipient as { id: string }).id === psid) as {
      messaging_type: string;
      message: Record<string, unknown>;
    }[];

  it("answers the handshake and refuses a bad signature, storing nothing", async () => {
    const handshake = await built.app.inject({
      url: "/webhooks/messenger?hub.mode=subscribe&hub.verify_token=verify-messenger&hub.challenge=42",
    });
    expect(handshake.body).toBe("42");
    const before = await inboxSize();
    const forged = await post(page([{ ...from("PSID-X"), message: { mid: "m_forged", text: "Bonjour" } }]), "wrong");
    expect(forged.statusCode).toBe(401);
    expect(await inboxSize()).toBe(before);
  });

  it("answers with a button template sent to the Send API, and a postback follows the choice", async () => {
    expect((await post(page([{ ...from("PSID-1"), message: { mid: "m_1", text: "Bonjour" } }]))).statusCode).toBe(200);
    await expect.poll(() => sentTo("PSID-1")).toHaveLength(1);
    expect(sentTo("PSID-1")[0]).toEqual({
      recipient: { id: "PSID-1" },
      messaging_type: "RESPONSE",
      message: {
        attachment: {
          type: "template",
          payload: {
            template_type: "button",
            text: "Que voulez-vous faire ?",
            buttons: [
              { type: "postback", title: "Suivre ma commande", payload: "track" },
              { type: "postback", title: "Annuler", payload: "cancel" },
              { type: "postback", title: "Un conseiller", payload: "person" },
            ],
          },
        },
      },
    });
    expect(graph.received[0]?.path).toBe("/me/messages?access_token=page-token");
    const postback = { ...from("PSID-1"), postback: { mid: "m_2", title: "Suivre", payload: "track" } };
    expect((await post(page([postback]))).statusCode).toBe(200);
    expect((await post(page([postback]))).statusCode).toBe(200);
    await expect.poll(() => sentTo("PSID-1").length).toBe(3);
    expect(sentTo("PSID-1")[1]?.message).toEqual({ text: "Votre colis arrive demain : https://suivi.example.fr/123" });
  });

  it("marks what was sent as delivered, then read by the watermark, never back", async () => {
    expect((await post(page([{ ...from("PSID-2"), message: { mid: "m_3", text: "Bonjour" } }]))).statusCode).toBe(200);
    await expect.poll(() => sentTo("PSID-2")).toHaveLength(1);
    const { deliveries, outbox } = built.app.store.tables;
    // The provider has the message once Relais has recorded it sent, not as soon as the provider heard it:
    // a read watermark counts only messages sent before it.
    const recorded = () =>
      built.app.store.read((db) =>
        db
          .select({ mid: deliveries.providerMessageId })
          .from(deliveries)
          .innerJoin(outbox, eq(outbox.id, deliveries.outboxId))
          .where(and(eq(outbox.address, "PSID-2"), isNotNull(outbox.sentAt))),
      );
    await expect.poll(async () => (await recorded()).length).toBe(1);
    const mid = (await recorded())[0]?.mid as string;
    await post(page([{ ...from("PSID-2"), read: { watermark: Date.now() + 1000 } }]));
    await post(page([{ ...from("PSID-2"), delivery: { mids: [mid], watermark: Date.now() } }]));
    const [row] = await built.app.store.read((db) =>
      db.select().from(deliveries).where(eq(deliveries.providerMessageId, mid)),
    );
    expect(row?.status).toBe("read");
  });
});

describe("SMS through Twilio", () => {
  const post = (form: Record<string, string>, token = "twilio-auth-token") =>
    built.app.inject({
      method: "POST",
      url: "/webhooks/twilio",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature(token, TWILIO_URL, form),
      },
      payload: new URLSearchParams(form).toString(),
    });
  const sms = (from: string, sid: string, body: string) => ({
    AccountSid: "AC0123456789abcdef",
    ApiVersion: "2010-04-01",
    Body: body,
    From: from,
    MessageSid: sid,
    NumMedia: "0",
    NumSegments: "1",
    SmsMessageSid: sid,
    SmsSid: sid,
    SmsStatus: "received",
    To: "+33700000000",
  });
  const sentTo = (to: string) =>
    twilio.received
      .map((each) => ({
        path: each.path,
        auth: each.headers.authorization,
        form: Object.fromEntries(new URLSearchParams(each.body)),
      }))
      .filter((each) => each.form.To === to);

  it("refuses a bad signature with 401 and stores nothing", async () => {
    const before = await inboxSize();
    expect((await post(sms("+33611111111", "SMforged", "Bonjour"), "not-the-token")).statusCode).toBe(401);
    expect(await inboxSize()).toBe(before);
  });

  it("answers with numbered choices through the Messages API, and `deux` picks the second", async () => {
    const first = await post(sms("+33612345678", "SMin1", "Bonjour"));
    expect(first.statusCode).toBe(200);
    expect(first.headers["content-type"]).toContain("text/xml");
    expect(first.body).toContain("<Response></Response>");
    await expect.poll(() => sentTo("+33612345678")).toHaveLength(1);
    const [menu] = sentTo("+33612345678");
    expect(menu?.path).toBe("/2010-04-01/Accounts/AC0123456789abcdef/Messages.json");
    expect(menu?.auth).toBe(`Basic ${Buffer.from("AC0123456789abcdef:twilio-auth-token").toString("base64")}`);
    expect(menu?.form).toEqual({
      To: "+33612345678",
      From: "+33700000000",
      Body: "Que voulez-vous faire ?\n1. Suivre ma commande\n2. Annuler\n3. Un conseiller",
      StatusCallback: TWILIO_URL,
    });
    expect((await post(sms("+33612345678", "SMin2", "deux"))).statusCode).toBe(200);
    await expect.poll(() => sentTo("+33612345678").length).toBe(2);
    expect(sentTo("+33612345678")[1]?.form.Body).toBe("C'est annulé.");
  });

  it("reads status callbacks, which only move forward", async () => {
    expect((await post(sms("+33698765432", "SMin3", "Bonjour"))).statusCode).toBe(200);
    await expect.poll(() => sentTo("+33698765432")).toHaveLength(1);
    const { deliveries } = built.app.store.tables;
    const [row] = await built.app.store.read((db) =>
      db.select().from(deliveries).where(eq(deliveries.channel, "sms")).orderBy(deliveries.id),
    );
    const sid = (
      await built.app.store.read((db) => db.select().from(deliveries).where(eq(deliveries.channel, "sms")))
    ).at(-1)?.providerMessageId as string;
    expect(row).toBeDefined();
    const status = (MessageStatus: string) =>
      post({ AccountSid: "AC0123456789abcdef", MessageSid: sid, MessageStatus, To: "+33698765432" });
    expect((await status("delivered")).statusCode).toBe(200);
    expect((await status("sent")).statusCode).toBe(200);
    const [after] = await built.app.store.read((db) =>
      db.select().from(deliveries).where(eq(deliveries.providerMessageId, sid)),
    );
    expect(after?.status).toBe("delivered");
  });
});
