import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignature, whatsappMessage, whatsappWebhook } from "../fixtures/whatsapp-webhook.js";
import { ADMIN, type Built, login } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";
import { buildWithChoices } from "./providers/setup.js";

const SECRET = "whatsapp-app-secret";
const graph = new FakeProvider((_request, n) => ({
  body: { messaging_product: "whatsapp", contacts: [{ input: "x", wa_id: "x" }], messages: [{ id: `wamid.out-${n}` }] },
}));
let built: Built;

const textFrom = (from: string, id: string, body: string) =>
  whatsappMessage(from, id, { type: "text", text: { body } });

function post(body: unknown, secret = SECRET) {
  const raw = JSON.stringify(body);
  return built.app.inject({
    method: "POST",
    url: "/webhooks/whatsapp",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": metaSignature(raw, secret),
    },
    payload: raw,
  });
}

const sentTo = (to: string) => graph.json().filter((body) => body.to === to);

async function conversationOf(address: string) {
  const { conversations } = built.app.store.tables;
  const [row] = await built.app.store.read((db) =>
    db.select().from(conversations).where(eq(conversations.address, address)),
  );
  return row;
}

beforeAll(async () => {
  const url = await graph.start();
  built = await buildWithChoices({
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    WHATSAPP_TOKEN: "graph-token",
    WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
    WHATSAPP_FLOW: "choices",
    WHATSAPP_API_URL: url,
    WHATSAPP_TEMPLATE: "reprise_conversation:fr",
    RELAIS_OUTBOX_RETRY_MS: "20",
    RELAIS_OUTBOX_MAX_ATTEMPTS: "4",
  });
});
afterAll(async () => {
  await built?.close();
  await graph.stop();
});

describe("the WhatsApp webhook", () => {
  it("answers Meta's handshake with the challenge, and 403 with a wrong token", async () => {
    const good = await built.app.inject({
      url: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444",
    });
    expect(good.statusCode).toBe(200);
    expect(good.body).toBe("1158201444");
    const bad = await built.app.inject({
      url: "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444",
    });
    expect(bad.statusCode).toBe(403);
  });

  it("refuses a bad signature with 401 and stores nothing", async () => {
    const { inbox } = built.app.store.tables;
    const before = await built.app.store.read((db) => db.select().from(inbox));
    const forged = await post(textFrom("33600000001", "wamid.forged", "Bonjour"), "not-the-secret");
    expect(forged.statusCode).toBe(401);
    const unsigned = await built.app.inject({
      method: "POST",
      url: "/webhooks/whatsapp",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(textFrom("33600000001", "wamid.unsigned", "Bonjour")),
    });
    expect(unsigned.statusCode).toBe(401);
    expect(await built.app.store.read((db) => db.select().from(inbox))).toHaveLength(before.length);
    expect(await conversationOf("33600000001")).toBeUndefined();
  });

  it("answers a text with reply buttons sent through the Graph API, and a tap follows the choice", async () => {
    const first = await post(textFrom("33600000002", "wamid.in-1", "Bonjour"));
    expect(first.statusCode).toBe(200);
    await expect.poll(() => sentTo("33600000002")).toHaveLength(1);
    const [menu] = sentTo("33600000002");
    expect(menu).toMatchObject({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33600000002",
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Que voulez-vous faire ?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "track", title: "Suivre ma commande" } },
            { type: "reply", reply: { id: "cancel", title: "Annuler" } },
            { type: "reply", reply: { id: "person", title: "Un conseiller" } },
          ],
        },
      },
    });
    const request = graph.received.find((each) => JSON.parse(each.body).to === "33600000002");
    expect(request?.path).toBe("/106540352242922/messages");
    expect(request?.headers.authorization).toBe("Bearer graph-token");

    const tap = whatsappWebhook({
      messages: [
        {
          from: "33600000002",
          id: "wamid.in-2",
          timestamp: "1749416400",
          type: "interactive",
          interactive: { type: "button_reply", button_reply: { id: "track", title: "Suivre ma commande" } },
        },
      ],
    });
    expect((await post(tap)).statusCode).toBe(200);
    await expect.poll(() => sentTo("33600000002").length).toBeGreaterThanOrEqual(3);
    expect(sentTo("33600000002")[1]).toMatchObject({
      type: "text",
      text: { body: "Votre colis arrive demain : https://suivi.example.fr/123", preview_url: true },
    });
  });

  it("processes a message Meta delivers twice only once", async () => {
    const message = textFrom("33600000003", "wamid.twice", "Bonjour");
    expect((await post(message)).statusCode).toBe(200);
    expect((await post(message)).statusCode).toBe(200);
    await expect.poll(() => sentTo("33600000003")).toHaveLength(1);
    const { messages } = built.app.store.tables;
    const conversation = await conversationOf("33600000003");
    const transcript = await built.app.store.read((db) =>
      db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversation?.id ?? "")),
    );
    expect(transcript.filter((m) => m.role === "customer")).toHaveLength(1);
  });

  it("answers a sticker politely in the conversation's language and keeps it for the agent", async () => {
    const sticker = whatsappWebhook({
      messages: [
        {
          from: "33600000004",
          id: "wamid.sticker",
          timestamp: "1749416383",
          type: "sticker",
          sticker: { id: "2", mime_type: "image/webp", animated: false },
        },
      ],
    });
    expect((await post(sticker)).statusCode).toBe(200);
    await expect.poll(() => sentTo("33600000004").length).toBeGreaterThanOrEqual(2);
    expect(sentTo("33600000004")[0]).toMatchObject({
      type: "text",
      text: { body: "Je ne peux lire que du texte ici. Pouvez-vous l'écrire en quelques mots ?" },
    });
    const { messages } = built.app.store.tables;
    const conversation = await conversationOf("33600000004");
    const transcript = await built.app.store.read((db) =>
      db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversation?.id ?? "")),
    );
    expect(transcript.find((m) => m.role === "customer")?.text).toBe("[sticker]");
  });

  it("refuses a malformed body with 400", async () => {
    expect((await post({ object: "whatsapp_business_account", entry: [{ changes: [{}] }] })).statusCode).toBe(400);
    const raw = "{not json";
    const broken = await built.app.inject({
      method: "POST",
      url: "/webhooks/whatsapp",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": metaSignature(raw, SECRET),
      },
      payload: raw,
    });
    expect(broken.statusCode).toBe(400);
  });

  it("sends again when the Graph API fails the first sends, never twice once taken", async () => {
    graph.failures = [503, 500];
    expect((await post(textFrom("33600000005", "wamid.retry", "Bonjour"))).statusCode).toBe(200);
    await expect.poll(() => sentTo("33600000005")).toHaveLength(1);
    const { outbox } = built.app.store.tables;
    const conversation = await conversationOf("33600000005");
    const sendRow = async () => {
      const [row] = await built.app.store.read((db) =>
        db
          .select()
          .from(outbox)
          .where(eq(outbox.conversationId, conversation?.id ?? "")),
      );
      return row;
    };
    // The provider has the message a moment before the outbox row records the send.
    await expect.poll(async () => (await sendRow())?.sentAt ?? null).not.toBeNull();
    expect(await sendRow()).toMatchObject({ attempts: 2, failedAt: null });
  });

  it("moves delivery statuses forward only, whatever order they arrive in", async () => {
    expect((await post(textFrom("33600000006", "wamid.status", "Bonjour"))).statusCode).toBe(200);
    await expect.poll(() => sentTo("33600000006")).toHaveLength(1);
    const { deliveries } = built.app.store.tables;
    const conversation = await conversationOf("33600000006");
    const statusOf = async () =>
      (
        await built.app.store.read((db) =>
          db
            .select()
            .from(deliveries)
            .where(eq(deliveries.conversationId, conversation?.id ?? "")),
        )
      )[0];
    // The provider has the message before its answer (the message id) is recorded: wait for the record.
    await expect.poll(async () => (await statusOf())?.providerMessageId).toBeTruthy();
    const id = (await statusOf())?.providerMessageId as string;
    const report = (status: string) =>
      post(whatsappWebhook({ statuses: [{ id, status, timestamp: "1749416500", recipient_id: "33600000006" }] }));
    expect((await report("read")).statusCode).toBe(200);
    expect((await report("delivered")).statusCode).toBe(200);
    expect((await report("sent")).statusCode).toBe(200);
    expect(await statusOf()).toMatchObject({ status: "read" });
  });

  it("outside the 24-hour window sends the configured template instead of the agent's words", async () => {
    expect((await post(textFrom("33600000007", "wamid.win-1", "Bonjour"))).statusCode).toBe(200);
    const tap = whatsappWebhook({
      messages: [
        {
          from: "33600000007",
          id: "wamid.win-2",
          timestamp: "1749416400",
          type: "interactive",
          interactive: { type: "button_reply", button_reply: { id: "person", title: "Un conseiller" } },
        },
      ],
    });
    expect((await post(tap)).statusCode).toBe(200);
    const conversation = await conversationOf("33600000007");
    const id = conversation?.id as string;
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    for (;;) {
      const claimed = await built.app.inject({
        method: "POST",
        url: "/api/queues/support/claim",
        headers: { cookie: admin },
      });
      if (claimed.statusCode === 204 || claimed.json().conversation.id === id) break;
    }
    await expect.poll(() => JSON.stringify(sentTo("33600000007"))).toContain("prend le relais");
    // The customer last wrote 25 hours ago.
    const { messages } = built.app.store.tables;
    await built.app.store.tx((db) =>
      db
        .update(messages)
        .set({ at: Date.now() - 25 * 3_600_000 })
        .where(eq(messages.conversationId, id)),
    );
    const before = sentTo("33600000007").length;
    const reply = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${id}/reply`,
      headers: { cookie: admin },
      payload: { text: "Bonjour, je reprends votre demande." },
    });
    expect(reply.statusCode).toBeLessThan(300);
    await expect.poll(() => sentTo("33600000007").length).toBe(before + 1);
    expect(sentTo("33600000007").at(-1)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "33600000007",
      type: "template",
      template: { name: "reprise_conversation", language: { code: "fr" } },
    });
    expect(JSON.stringify(sentTo("33600000007"))).not.toContain("je reprends");
  });

  it("sends to several customers at once: a Graph API slow to answer holds back no one else", async () => {
    graph.holding = true;
    const customers = ["33600000031", "33600000032", "33600000033"];
    try {
      for (const [n, from] of customers.entries()) {
        expect((await post(textFrom(from, `wamid.slow-${n}`, "Bonjour"))).statusCode).toBe(200);
      }
      // One at a time, the second send would wait for the first answer, which never comes while held.
      await expect.poll(() => graph.waiting).toBe(customers.length);
    } finally {
      graph.release();
    }
    for (const to of customers) await expect.poll(() => sentTo(to)).toHaveLength(1);
  });

  it("is off, answering 404, when its credentials are unset", async () => {
    const off = await buildWithChoices({});
    try {
      expect((await off.app.inject({ url: "/webhooks/whatsapp?hub.mode=subscribe" })).statusCode).toBe(404);
      expect(
        (
          await off.app.inject({
            method: "POST",
            url: "/webhooks/whatsapp",
            headers: { "content-type": "application/json" },
            payload: "{}",
          })
        ).statusCode,
      ).toBe(404);
    } finally {
      await off.close();
    }
  });
});
