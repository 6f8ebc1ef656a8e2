import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowSecret, loadConfig } from "../../runtime/config.js";
import { seedSampleCrm } from "../../runtime/sample-crm/seed.js";
import { ADMIN, type Built, build, fixtures, login, send } from "./helpers.js";

/** start → http lookup (CRM_BASE_URL, CRM_TOKEN) → "Bonjour <name>" → end. */
const lookupFlow = (secrets: string[], url: string, authorization: string) => ({
  schemaVersion: 1,
  id: "lookup",
  name: "Recherche",
  languages: ["fr"],
  variables: { who: { type: "string" } },
  secrets,
  nodes: [
    { id: "start", type: "start", next: "fetch" },
    {
      id: "fetch",
      type: "http",
      method: "GET",
      url,
      headers: { Authorization: authorization },
      responseMapping: { who: "body.name" },
      next: "hello",
      onError: "oops",
    },
    { id: "hello", type: "end", text: "Bonjour {{ who }}" },
    { id: "oops", type: "end", text: "erreur" },
  ],
});

/** A stand-in CRM that records the credentials it was sent. */
let crm: Server;
let crmUrl: string;
const seen: (string | undefined)[] = [];
beforeAll(async () => {
  crm = createServer((request, response) => {
    seen.push(request.headers.authorization);
    response.writeHead(200, { "content-type": "application/json" }).end('{"name":"Camille"}');
  });
  await new Promise<void>((resolve) => crm.listen(0, "127.0.0.1", resolve));
  crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => crm.close(() => resolve())));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createNetServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("flow secrets come only from the space the operator fills for flows", () => {
  let built: Built;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-secrets-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    writeFileSync(
      join(dir, "flows", "lookup.flow.json"),
      JSON.stringify(
        lookupFlow(["CRM_BASE_URL", "CRM_TOKEN"], "{{ secrets.CRM_BASE_URL }}/who", "Bearer {{ secrets.CRM_TOKEN }}"),
      ),
    );
    writeFileSync(join(dir, "secrets.json"), JSON.stringify({ CRM_TOKEN: "from-the-secrets-file" }));
    built = await build(
      {
        RELAIS_SECRET_CRM_BASE_URL: crmUrl,
        RELAIS_SECRETS_FILE: join(dir, "secrets.json"),
        // The runtime's own environment: a flow must never read these.
        CRM_TOKEN: "the-runtime-environment",
        RELAIS_HTTP_ALLOW: "127.0.0.1",
      },
      { keepDir: dir },
    );
  });
  afterAll(async () => {
    await built.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads `secrets.X` from RELAIS_SECRET_X and the secrets file, not from the variable X", async () => {
    const answer = await send(built.app, { flowId: "lookup", from: "s-1", messageId: "s-1", text: "Bonjour" });
    expect(answer.json().replies.map((reply: { text: string }) => reply.text)).toEqual(["Bonjour Camille"]);
    expect(seen.at(-1)).toBe("Bearer from-the-secrets-file");
  });

  it("never resolves a name of the runtime's own settings", () => {
    const config = loadConfig({ RELAIS_SECRET_RELAIS_ADMIN_PASSWORD: "x", RELAIS_ADMIN_PASSWORD: "y" });
    expect(flowSecret(config, "RELAIS_ADMIN_PASSWORD")).toBeUndefined();
    expect(flowSecret(built.app.config, "CRM_TOKEN")).toBe("from-the-secrets-file");
  });

  it("refuses to publish a flow that names a runtime setting as a secret, saying where", async () => {
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const flow = {
      ...lookupFlow(["RELAIS_ADMIN_PASSWORD"], `${crmUrl}/who?p={{ secrets.RELAIS_ADMIN_PASSWORD }}`, "none"),
      id: "leak",
    };
    const saved = await built.app.inject({
      method: "PUT",
      url: "/api/flows/leak",
      headers: { cookie: admin },
      payload: { flow },
    });
    expect(saved.statusCode).toBe(200);
    const published = await built.app.inject({
      method: "POST",
      url: "/api/flows/leak/publish",
      headers: { cookie: admin },
      payload: { note: "x" },
    });
    expect(published.statusCode).toBe(422);
    expect(published.json().error.problems).toContainEqual({
      code: "lint/reserved-secret",
      params: { secret: "RELAIS_ADMIN_PASSWORD" },
      severity: "error",
      file: "leak.flow.json",
      pointer: "/secrets/0",
      message:
        "The flow lists the secret `RELAIS_ADMIN_PASSWORD`, outside the flow secrets (RELAIS_SECRET_<name> or the secrets file): it is one of the runtime's own settings, which flows can never read.",
    });
  });

  it("refuses a secrets file that is not one JSON object of texts, naming the file", () => {
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ CRM_TOKEN: 42 }));
    expect(() => loadConfig({ RELAIS_SECRETS_FILE: join(dir, "bad.json") })).toThrow(
      `RELAIS_SECRETS_FILE ${join(dir, "bad.json")}: the value of \`CRM_TOKEN\` must be a text.`,
    );
  });

  it("keeps the sample CRM off and the runtime's own address closed to flows and the simulator", async () => {
    expect((await built.app.inject({ method: "GET", url: "/sample-crm/orders/CMD-100001" })).statusCode).toBe(404);
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const call = await built.app.inject({
      method: "POST",
      url: "/api/simulator/http",
      headers: { cookie: admin },
      payload: {
        flow: lookupFlow([], `${built.app.config.publicUrl}/api/channels/rest/messages`, "none"),
        nodeId: "fetch",
        variables: {},
      },
    });
    expect(call.json().result).toMatchObject({ ok: false, error: "refused" });
  });
});

describe("the sample CRM, when asked for", () => {
  let built: Built;
  beforeAll(async () => {
    const port = await freePort();
    built = await build({ RELAIS_SAMPLE_CRM: "1", PORT: String(port) });
    await built.app.listen({ port, host: "127.0.0.1" });
  });
  afterAll(() => built.close());

  it("answers with a token generated at start that only the flow secrets hold", async () => {
    const token = flowSecret(built.app.config, "CRM_TOKEN");
    expect(token).toMatch(/^[\w-]{32}$/);
    const order = (authorization: string) =>
      built.app.inject({ method: "GET", url: "/sample-crm/orders/CMD-100001", headers: { authorization } });
    expect((await order("Bearer relais-sample-token")).statusCode).toBe(401);
    expect((await order(`Bearer ${token}`)).json()).toMatchObject({ number: "CMD-100001" });
  });

  it("dates its orders from the day it starts, so that a shipped order is always on its way", async () => {
    const authorization = `Bearer ${flowSecret(built.app.config, "CRM_TOKEN")}`;
    const delivery = async (number: string) =>
      (
        await built.app.inject({ method: "GET", url: `/sample-crm/orders/${number}`, headers: { authorization } })
      ).json().deliveryDate;
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    expect(await delivery("CMD-100001")).toBe(inDays(2));
    // Started again on the same data another day: the dates move with it.
    await seedSampleCrm(built.app.store, Date.parse("2027-03-01T10:00:00Z"));
    expect(await delivery("CMD-100001")).toBe("2027-03-03");
    expect(await delivery("CMD-100002")).toBe("2027-03-06");
    expect(await delivery("CMD-100003")).toBe("2027-02-17");
  });

  it("lets flows and the simulator reach the sample CRM's paths only", async () => {
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const simulate = (url: string, authorization = "none", secrets: string[] = []) =>
      built.app
        .inject({
          method: "POST",
          url: "/api/simulator/http",
          headers: { cookie: admin },
          payload: { flow: lookupFlow(secrets, url, authorization), nodeId: "fetch", variables: {} },
        })
        .then((response) => response.json().result);
    const base = flowSecret(built.app.config, "CRM_BASE_URL");
    expect(base).toBe(`${built.app.config.publicUrl}/sample-crm`);
    expect(
      await simulate("{{ secrets.CRM_BASE_URL }}/orders/CMD-100001", "Bearer {{ secrets.CRM_TOKEN }}", [
        "CRM_BASE_URL",
        "CRM_TOKEN",
      ]),
    ).toMatchObject({ ok: true, status: 200, body: { number: "CMD-100001" } });
    expect(await simulate(`${built.app.config.publicUrl}/api/flows`)).toMatchObject({ ok: false, error: "refused" });
    expect(await simulate(`${base}/../api/flows`)).toMatchObject({ ok: false, error: "refused" });
  });
});
