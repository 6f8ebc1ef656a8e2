import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ADMIN, type Harness, screenshotOnFailure, startHarness } from "./harness.js";

const artifacts = resolve(import.meta.dirname, "../artifacts");
let harness: Harness;
let page: Page;
/** A provider bridge that is down: every callback gets 503. */
let bridge: Server;

beforeAll(async () => {
  bridge = createServer((_request, response) => response.writeHead(503).end());
  await new Promise<void>((done) => bridge.listen(0, "127.0.0.1", done));
  harness = await startHarness({
    RELAIS_REST_CALLBACK_URL: `http://127.0.0.1:${(bridge.address() as AddressInfo).port}/callback`,
    RELAIS_OUTBOX_RETRY_MS: "20",
    RELAIS_OUTBOX_MAX_ATTEMPTS: "2",
  });
  page = harness.page;
});
afterAll(async () => {
  await harness?.close();
  await new Promise((done) => bridge.close(done));
});

describe("a reply the channel never took", () => {
  it("is shown to the agent on the conversation", async () => {
    const { app } = harness;
    const post = (messageId: string, text: string) =>
      app.inject({
        method: "POST",
        url: "/api/channels/rest/messages",
        remoteAddress: "127.0.0.1",
        payload: { flowId: "triage", from: "+33600000001", messageId, text },
      });
    await post("d-0", "Bonjour");
    const handed = (await post("d-1", "je veux parler à un conseiller")).json();
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
    const cookie = `relais_session=${login.cookies.find((c) => c.name === "relais_session")?.value}`;
    for (;;) {
      const claimed = await app.inject({ method: "POST", url: "/api/queues/support/claim", headers: { cookie } });
      if (claimed.statusCode !== 200)
        throw new Error(`nothing to claim: ${claimed.statusCode} ${JSON.stringify(handed)}`);
      if (claimed.json().conversation.id === handed.conversationId) break;
    }
    await app.inject({
      method: "POST",
      url: `/api/conversations/${handed.conversationId}/reply`,
      headers: { cookie },
      payload: { text: "Je regarde votre dossier" },
    });
    try {
      await page.goto(harness.baseUrl);
      await page.locator('input[name="email"]').click();
      await page.keyboard.type(ADMIN.email);
      await page.locator('input[name="password"]').click();
      await page.keyboard.type(ADMIN.password);
      await page.keyboard.press("Enter");
      await page.locator("tr[data-flow]").first().waitFor();
      await page.goto(`${harness.baseUrl}/#/agent/${handed.conversationId}`);
      await page
        .getByRole("alert")
        .filter({
          hasText: "Non remis au client après 2 essais (The callback answered 503.) : « Je regarde votre dossier »",
        })
        .waitFor();
      await page.screenshot({ path: join(artifacts, "agent-delivery-failure.png") });
    } catch (error) {
      await screenshotOnFailure(page, "agent-delivery-failure");
      throw error;
    }
  });
});
