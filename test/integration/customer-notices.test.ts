import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";

/** A provider bridge behind RELAIS_REST_CALLBACK_URL: what the customer is sent after their messages. */
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

describe("the customer always knows who they talk to", () => {
  it("hears once how long a queued case usually waits, then who takes it, where it goes and that it is resolved", async () => {
    const from = "+33611223344";
    await send(built.app, { flowId: "escalate", from, messageId: "n-0", text: "Bonjour" });
    const queued = (await send(built.app, { flowId: "escalate", from, messageId: "n-1", text: "aide" })).json();
    expect(queued.status).toBe("queued");
    const id = queued.conversationId as string;

    const waiting = (
      await send(built.app, { flowId: "escalate", from, messageId: "n-2", text: "Il y a quelqu'un ?" })
    ).json();
    expect(waiting).toMatchObject({ status: "queued", replies: [{ nodeId: "notice:waiting" }] });
    expect(waiting.replies[0].text).toMatch(/Un conseiller vous répond ici, en général sous \d+ minutes\./);
    const again = (await send(built.app, { flowId: "escalate", from, messageId: "n-3", text: "Allô ?" })).json();
    expect(again).toMatchObject({ status: "queued", replies: [] });

    for (;;) {
      const claimed = await built.app.inject({
        method: "POST",
        url: "/api/queues/support/claim",
        headers: { cookie: admin },
      });
      if (claimed.statusCode === 204 || claimed.json().conversation.id === id) break;
    }
    await expect.poll(() => toCustomer(id)).toEqual([expect.stringMatching(/, du service client, prend le relais\.$/)]);

    const transferred = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${id}/transfer`,
      headers: { cookie: admin },
      payload: { queue: "level2", note: "Litige" },
    });
    expect(transferred.statusCode).toBeLessThan(300);
    await expect
      .poll(() => toCustomer(id).at(-1))
      .toMatch(/^Je transmets votre demande à l'équipe .+, qui vous répond ici\.$/);

    for (;;) {
      const claimed = await built.app.inject({
        method: "POST",
        url: "/api/queues/level2/claim",
        headers: { cookie: admin },
      });
      if (claimed.statusCode === 204 || claimed.json().conversation.id === id) break;
    }
    const resolved = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${id}/resolve`,
      headers: { cookie: admin },
      payload: { disposition: "resolved" },
    });
    expect(resolved.statusCode).toBeLessThan(300);
    await expect
      .poll(() => toCustomer(id).at(-1))
      .toBe("Votre demande est traitée et la conversation close. Écrivez-nous ici quand vous voulez.");
    expect(toCustomer(id).filter((text) => text.includes("prend le relais"))).toHaveLength(2);
  });
});
