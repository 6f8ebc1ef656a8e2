import { randomBytes } from "node:crypto";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignature, whatsappWebhook } from "../fixtures/whatsapp-webhook.js";
import { ADMIN, type Built, build, fixtures, login, userWithRole } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";

const graph = new FakeProvider((_request, n) => ({
  body: { messaging_product: "whatsapp", contacts: [{ input: "x", wa_id: "x" }], messages: [{ id: `wamid.out-${n}` }] },
}));
const SECRET = "app-secret-from-the-admin-page";
const TOKEN = "graph-token-from-the-admin-page";
let dir: string;
let apiUrl: string;
let built: Built | undefined;
let cookie: string;

const whatsapp = {
  enabled: true,
  flowId: "choices",
  settings: { phoneNumberId: "106540352242922" },
  secrets: { appSecret: SECRET, verifyToken: "verify-from-admin", token: TOKEN },
};

async function start(env: Record<string, string> = {}) {
  built = await build({ WHATSAPP_API_URL: apiUrl, RELAIS_OUTBOX_RETRY_MS: "20", ...env }, { keepDir: dir });
  cookie = await login(built.app, ADMIN.email, ADMIN.password);
  return built.app;
}
async function restart(env: Record<string, string> = {}) {
  await built?.close();
  return start(env);
}
const app = () => {
  if (!built) throw new Error("the app is not started");
  return built.app;
};
const views = async () =>
  (await app().inject({ url: "/api/channel-settings", headers: { cookie } })).json() as {
    channel: string;
    on: boolean;
    source: string;
    secrets: Record<string, boolean>;
    problem?: string;
  }[];
const viewOf = async (channel: string) => (await views()).find((view) => view.channel === channel);
const save = (channel: string, body: Record<string, unknown>) =>
  app().inject({ method: "PUT", url: `/api/channel-settings/${channel}`, headers: { cookie }, payload: body });
const handshake = (token: string) =>
  app().inject({ url: `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=42` });
function postText(from: string, id: string) {
  const raw = JSON.stringify(
    whatsappWebhook({ messages: [{ from, id, timestamp: "1749416383", type: "text", text: { body: "Bonjour" } }] }),
  );
  return app().inject({
    method: "POST",
    url: "/webhooks/whatsapp",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": metaSignature(raw, SECRET),
    },
    payload: raw,
  });
}
const storedRows = () => {
  const db = new Database(join(dir, "data", "relais.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT * FROM channel_settings").all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  apiUrl = await graph.start();
  dir = mkdtempSync(join(tmpdir(), "relais-channel-settings-"));
  cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  copyFileSync(new URL("./providers/choices.flow.json", import.meta.url), join(dir, "flows", "choices.flow.json"));
  await start();
});
afterAll(async () => {
  await built?.close();
  await graph.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("channel credentials set in the admin page", () => {
  it("lists every channel off, with the webhook address to give the provider", async () => {
    expect(await views()).toEqual([
      expect.objectContaining({
        channel: "whatsapp",
        on: false,
        source: "none",
        webhookUrl: "http://127.0.0.1:3999/webhooks/whatsapp",
      }),
      expect.objectContaining({
        channel: "messenger",
        on: false,
        source: "none",
        webhookUrl: "http://127.0.0.1:3999/webhooks/messenger",
      }),
      expect.objectContaining({
        channel: "sms",
        on: false,
        source: "none",
        webhookUrl: "http://127.0.0.1:3999/webhooks/twilio",
      }),
    ]);
    expect((await handshake("verify-from-admin")).statusCode).toBe(404);
  });

  it("are for admins only", async () => {
    const agent = await userWithRole(app(), "agent", "camille");
    const answer = await app().inject({ url: "/api/channel-settings", headers: { cookie: agent } });
    expect(answer.statusCode).toBe(403);
    const put = await app().inject({
      method: "PUT",
      url: "/api/channel-settings/whatsapp",
      headers: { cookie: agent },
      payload: whatsapp,
    });
    expect(put.statusCode).toBe(403);
  });

  it("refuses to turn a channel on with a field missing, naming it, and stores nothing", async () => {
    const answer = await save("whatsapp", { ...whatsapp, secrets: { appSecret: SECRET, verifyToken: "v" } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.problems).toEqual([expect.objectContaining({ pointer: "/secrets/token" })]);
    expect(storedRows()).toHaveLength(0);
    const unknownFlow = await save("whatsapp", { ...whatsapp, flowId: "nowhere" });
    expect(unknownFlow.statusCode).toBe(400);
    expect(unknownFlow.json().error.problems).toEqual([expect.objectContaining({ pointer: "/flowId" })]);
    const stray = await save("whatsapp", { ...whatsapp, secrets: { ...whatsapp.secrets, pageToken: "x" } });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().error.message).toContain("secrets.pageToken");
  });

  it("turns the channel on at once, sending back no secret, and stores them encrypted", async () => {
    const answer = await save("whatsapp", whatsapp);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).not.toContain(TOKEN);
    expect(answer.json()[0]).toMatchObject({
      channel: "whatsapp",
      on: true,
      source: "admin",
      flowId: "choices",
      settings: { phoneNumberId: "106540352242922" },
      secrets: { appSecret: true, verifyToken: true, token: true },
    });
    expect((await handshake("verify-from-admin")).body).toBe("42");
    expect((await postText("33600000010", "wamid.admin-1")).statusCode).toBe(200);
    await expect.poll(() => graph.json().filter((body) => body.to === "33600000010")).toHaveLength(1);
    const sent = graph.received.find((each) => JSON.parse(each.body).to === "33600000010");
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);

    const [row] = storedRows();
    const rowText = JSON.stringify(row);
    for (const secret of [SECRET, TOKEN, "verify-from-admin"]) expect(rowText).not.toContain(secret);
    expect(String(row?.secrets)).toMatch(/^v1\./);
    const keyFile = join(dir, "data", "secret.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, "utf8").trim(), "base64")).toHaveLength(32);
  });

  it("keeps the stored secrets when a save leaves them out, and turns off with 404", async () => {
    const off = await save("whatsapp", { ...whatsapp, enabled: false, secrets: {} });
    expect(off.json()[0]).toMatchObject({ on: false, source: "admin", enabled: false, secrets: { token: true } });
    expect((await handshake("verify-from-admin")).statusCode).toBe(404);
    expect((await postText("33600000011", "wamid.admin-2")).statusCode).toBe(404);
    const on = await save("whatsapp", { ...whatsapp, secrets: {} });
    expect(on.json()[0]).toMatchObject({ on: true });
    expect((await handshake("verify-from-admin")).body).toBe("42");
  });

  it("win over the environment, which applies again once they are removed", async () => {
    await restart({
      WHATSAPP_APP_SECRET: "env-secret",
      WHATSAPP_VERIFY_TOKEN: "verify-from-env",
      WHATSAPP_TOKEN: "env-token",
      WHATSAPP_PHONE_NUMBER_ID: "1",
      WHATSAPP_FLOW: "choices",
    });
    expect(await viewOf("whatsapp")).toMatchObject({ on: true, source: "admin" });
    expect((await handshake("verify-from-env")).statusCode).toBe(403);
    expect((await handshake("verify-from-admin")).body).toBe("42");
    const cleared = await app().inject({
      method: "DELETE",
      url: "/api/channel-settings/whatsapp",
      headers: { cookie },
    });
    expect(cleared.json()[0]).toMatchObject({ on: true, source: "environment", secrets: { token: true } });
    expect(cleared.body).not.toContain("env-token");
    expect((await handshake("verify-from-env")).body).toBe("42");
    expect(storedRows()).toHaveLength(0);
    await save("whatsapp", whatsapp);
  });

  it("opened with another key: the channel is off and the page says why; the right key opens them again", async () => {
    await restart({ RELAIS_SECRET_KEY: randomBytes(32).toString("base64") });
    const view = await viewOf("whatsapp");
    expect(view).toMatchObject({ on: false, source: "admin", secrets: { token: false } });
    expect(view?.problem).toMatch(/cannot be decrypted with the key from RELAIS_SECRET_KEY/);
    expect((await handshake("verify-from-admin")).statusCode).toBe(404);
    await restart();
    expect(await viewOf("whatsapp")).toMatchObject({ on: true, secrets: { token: true } });
    expect((await viewOf("whatsapp"))?.problem).toBeUndefined();
  });

  it("refuses a key that is not 32 bytes, saying what it should be", async () => {
    await built?.close();
    built = undefined;
    await expect(start({ RELAIS_SECRET_KEY: "too-short" })).rejects.toThrow(
      /RELAIS_SECRET_KEY must hold a 32-byte key/,
    );
    await start();
  });

  it("is never a flow secret", async () => {
    const { loadConfig } = await import("../../runtime/config.js");
    const config = loadConfig({ RELAIS_SECRET_KEY: "k".repeat(44), RELAIS_SECRET_CRM_TOKEN: "t" });
    expect([...config.flowSecrets.keys()]).toEqual(["CRM_TOKEN"]);
  });
});
