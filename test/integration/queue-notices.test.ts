import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notice } from "../../runtime/channels/customer-notices.js";
import { ADMIN, type Built, build, login, send } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";

/** A provider bridge behind RELAIS_REST_CALLBACK_URL: what the customer is sent. */
const bridge = new FakeProvider(() => ({ body: {} }));
let built: Built;
let admin: string;

beforeAll(async () => {
  const url = await bridge.start();
  built = await build({ RELAIS_REST_CALLBACK_URL: `${url}/callback` });
  admin = await login(built.app, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await built?.close();
  await bridge.stop();
});

const toCustomer = (conversationId: string) =>
  bridge
    .json()
    .filter((body) => body.conversationId === conversationId)
    .map((body) => (body.message as { text: string }).text);

async function queueSettings(id: string) {
  const all = (await built.app.inject({ url: "/api/queue-settings", headers: { cookie: admin } })).json() as {
    id: string;
  }[];
  const found = all.find((queue) => queue.id === id);
  if (!found) throw new Error(`no queue ${id}`);
  return found as Record<string, unknown> & { id: string };
}
const saveQueue = async ({ id, ...settings }: Record<string, unknown> & { id: string }) =>
  built.app.inject({ method: "PUT", url: `/api/queues/${id}`, headers: { cookie: admin }, payload: settings });

describe("per-queue notice texts", () => {
  it("word what the customer is told in the queue's own words, the defaults filling what it leaves empty", async () => {
    const support = await queueSettings("support");
    const saved = await saveQueue({
      ...support,
      noticeTexts: {
        waiting: { fr: "Merci de patienter : réponse sous {{minutes}} min." },
        claimed: { fr: "Bonjour, ici {{agent}} de l'équipe Support.", en: "" },
      },
    });
    expect(saved.statusCode).toBe(200);
    expect((await queueSettings("support")).noticeTexts).toMatchObject({ claimed: { fr: expect.any(String) } });

    const from = "+33655667788";
    await send(built.app, { flowId: "escalate", from, messageId: "q-0", text: "Bonjour" });
    const queued = (await send(built.app, { flowId: "escalate", from, messageId: "q-1", text: "aide" })).json();
    const id = queued.conversationId as string;
    const waiting = (await send(built.app, { flowId: "escalate", from, messageId: "q-2", text: "Allô ?" })).json();
    expect(waiting.replies[0].text).toBe("Merci de patienter : réponse sous 30 min.");

    for (;;) {
      const claimed = await built.app.inject({
        method: "POST",
        url: "/api/queues/support/claim",
        headers: { cookie: admin },
      });
      if (claimed.statusCode === 204 || claimed.json().conversation.id === id) break;
    }
    await expect.poll(() => toCustomer(id)).toEqual(["Bonjour, ici Administrateur de l'équipe Support."]);
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${id}/resolve`,
      headers: { cookie: admin },
      payload: { disposition: "resolved" },
    });
    await expect
      .poll(() => toCustomer(id).at(-1))
      .toBe("Votre demande est traitée et la conversation close. Écrivez-nous ici quand vous voulez.");
  });

  it("are kept when a save does not mention them, and a notice the queue cannot word is refused", async () => {
    const { noticeTexts: _kept, ...support } = await queueSettings("support");
    expect((await saveQueue(support)).statusCode).toBe(200);
    expect((await queueSettings("support")).noticeTexts).toMatchObject({ claimed: { fr: expect.any(String) } });
    const refused = await saveQueue({ ...support, noticeTexts: { unreadable: { fr: "Non." } } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain("noticeTexts.unreadable");
  });

  it("fall back to the default in the conversation's language when the queue words only another", () => {
    const own = { claimed: { fr: "Ici {{agent}}." } };
    expect(notice("claimed", "fr", { agent: "Camille" }, own)).toBe("Ici Camille.");
    expect(notice("claimed", "en", { agent: "Camille" }, own)).toBe("Camille from customer service is taking over.");
    expect(notice("claimed", "fr-CA", { agent: "Camille" }, { claimed: { fr: "  " } })).toBe(
      "Camille, du service client, prend le relais.",
    );
  });
});
