import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignature, whatsappWebhook } from "../fixtures/whatsapp-webhook.js";
import { ADMIN, type Built, login, userWithRole } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";
import { buildWithChoices } from "./providers/setup.js";

const SECRET = "whatsapp-app-secret";
const graph = new FakeProvider((_request, n) => ({
  body: { messaging_product: "whatsapp", contacts: [{ input: "x", wa_id: "x" }], messages: [{ id: `wamid.out-${n}` }] },
}));
let built: Built;
let cookie: string;

function post(body: unknown) {
  const raw = JSON.stringify(body);
  return built.app.inject({
    method: "POST",
    url: "/webhooks/whatsapp",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": metaSignature(raw, SECRET),
    },
    payload: raw,
  });
}
const FROM = "33600000020";
const text = (id: string, body: string) =>
  whatsappWebhook({ messages: [{ from: FROM, id, timestamp: "1749416383", type: "text", text: { body } }] });
const tap = (id: string, choice: string, title: string) =>
  whatsappWebhook({
    messages: [
      {
        from: FROM,
        id,
        timestamp: "1749416390",
        type: "interactive",
        interactive: { type: "button_reply", button_reply: { id: choice, title } },
      },
    ],
  });
const report = (id: string, status: string, errors?: unknown[]) =>
  post(
    whatsappWebhook({
      statuses: [{ id, status, timestamp: "1749416500", recipient_id: FROM, ...(errors ? { errors } : {}) }],
    }),
  );

async function conversationId() {
  const { conversations } = built.app.store.tables;
  const [row] = await built.app.store.read((db) =>
    db.select().from(conversations).where(eq(conversations.address, FROM)),
  );
  return row?.id ?? "";
}
async function states() {
  const id = await conversationId();
  const answer = await built.app.inject({ url: `/api/conversations/${id}/deliveries`, headers: { cookie } });
  expect(answer.statusCode).toBe(200);
  const detail = (await built.app.inject({ url: `/api/conversations/${id}`, headers: { cookie } })).json() as {
    transcript: { id: number; text: string }[];
  };
  return (answer.json() as { messageId: number; state: string; error?: string }[]).map((delivery) => ({
    text: detail.transcript.find((entry) => entry.id === delivery.messageId)?.text,
    state: delivery.state,
    ...(delivery.error ? { error: delivery.error } : {}),
  }));
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
    RELAIS_OUTBOX_RETRY_MS: "20",
  });
  cookie = await login(built.app, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await built?.close();
  await graph.stop();
});

describe("delivery states for the agent console", () => {
  it("follow each message the bot sent: sent, delivered, read, never back", async () => {
    expect((await post(text("wamid.d-1", "Bonjour"))).statusCode).toBe(200);
    await expect.poll(states).toEqual([{ text: "Que voulez-vous faire ?", state: "sent" }]);
    expect((await report("wamid.out-1", "delivered")).statusCode).toBe(200);
    await expect.poll(states).toEqual([{ text: "Que voulez-vous faire ?", state: "delivered" }]);
    await report("wamid.out-1", "read");
    await report("wamid.out-1", "delivered");
    expect(await states()).toEqual([{ text: "Que voulez-vous faire ?", state: "read" }]);
  });

  it("say failed with the provider's reason", async () => {
    expect((await post(tap("wamid.d-2", "person", "Un conseiller"))).statusCode).toBe(200);
    await expect.poll(async () => (await states()).length).toBe(2);
    await expect.poll(async () => (await states())[1]?.state).toBe("sent");
    await report("wamid.out-2", "failed", [{ code: 131047, title: "Re-engagement message" }]);
    expect((await states())[1]).toEqual({
      text: "Un conseiller arrive.",
      state: "failed",
      error: "131047 Re-engagement message",
    });
  });

  it("are for those who see the conversation", async () => {
    const id = await conversationId();
    expect((await built.app.inject({ url: `/api/conversations/${id}/deliveries` })).statusCode).toBe(401);
    const other = await userWithRole(built.app, "agent", "louis");
    const members = (await built.app.inject({ url: "/api/users", headers: { cookie } })).json() as {
      id: string;
      email: string;
    }[];
    const louis = members.find((member) => member.email === "louis@example.fr");
    const moved = await built.app.inject({
      method: "PUT",
      url: `/api/users/${louis?.id}`,
      headers: { cookie },
      payload: { queues: ["level2"] },
    });
    expect(moved.statusCode).toBe(200);
    const hidden = await built.app.inject({ url: `/api/conversations/${id}/deliveries`, headers: { cookie: other } });
    expect(hidden.statusCode).toBe(404);
  });
});
