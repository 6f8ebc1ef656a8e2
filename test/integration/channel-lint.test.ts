import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, fixtures, login } from "./helpers.js";

/*
 * Channel limits are checked for the channels a flow is published on: WhatsApp's button limits on
 * the flow WhatsApp starts (and the one it jumps to), not on a flow only the web chat reaches.
 */

const LONG = "Suivre ma commande en cours";

function menuFlow(id: string, jumpTo?: string) {
  const nodes: Record<string, unknown>[] = [
    { id: "start", type: "start", next: jumpTo ? "first" : "menu" },
    ...(jumpTo ? [{ id: "first", type: "jump", flow: jumpTo, next: "menu" }] : []),
    {
      id: "menu",
      type: "message",
      label: "Menu",
      text: "Quel sujet ?",
      choices: [
        { id: "order", label: LONG, next: "bye" },
        { id: "other", label: "Autre", next: "bye" },
      ],
    },
    { id: "bye", type: "end" },
  ];
  return { schemaVersion: 1, id, name: id, languages: ["fr"], nodes };
}

let built: Built;
let cookie: string;
const dir = mkdtempSync(join(tmpdir(), "relais-channel-lint-"));

beforeAll(async () => {
  cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  for (const [id, jumpTo] of [["wa-menu", "wa-shared"], ["wa-shared"], ["web-menu"]] as const) {
    writeFileSync(join(dir, "flows", `${id}.flow.json`), JSON.stringify(menuFlow(id, jumpTo)));
  }
  built = await build(
    {
      WHATSAPP_APP_SECRET: "secret",
      WHATSAPP_VERIFY_TOKEN: "verify",
      WHATSAPP_TOKEN: "token",
      WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
      WHATSAPP_FLOW: "wa-menu",
    },
    { keepDir: dir },
  );
  cookie = await login(built.app, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await built?.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
  built.app.inject({ method, url, payload, headers: { cookie } });
const codes = (problems: { code: string }[]) => problems.map((problem) => problem.code);

describe("channel limits where the flow is published", () => {
  it("says which channels start each flow: WhatsApp's, the one it jumps to, and the web chat and REST for all", async () => {
    expect((await call("GET", "/api/flows/wa-menu/channels")).json()).toEqual({
      channels: ["whatsapp", "webchat", "rest"],
    });
    expect((await call("GET", "/api/flows/wa-shared/channels")).json()).toEqual({
      channels: ["whatsapp", "webchat", "rest"],
    });
    expect((await call("GET", "/api/flows/web-menu/channels")).json()).toEqual({ channels: ["webchat", "rest"] });
    expect((await call("GET", "/api/flows/nowhere/channels")).statusCode).toBe(404);
  });

  it("lists WhatsApp's button limit on the flow WhatsApp starts, pointing at the choice, and not on the others'", async () => {
    const wa = (await call("GET", "/api/flows/wa-menu")).json();
    expect(wa.problems).toContainEqual(
      expect.objectContaining({
        code: "lint/whatsapp-buttons",
        nodeId: "menu",
        pointer: "/nodes/2/choices/0/label",
        params: expect.objectContaining({ label: LONG, limit: 20 }),
      }),
    );
    expect(codes((await call("GET", "/api/flows/wa-shared")).json().problems)).toContain("lint/whatsapp-buttons");
    expect(codes((await call("GET", "/api/flows/web-menu")).json().problems)).not.toContain("lint/whatsapp-buttons");
  });

  it("answers a save and a publish with the limits of the flow's channels only", async () => {
    const web = menuFlow("web-menu");
    web.name = "Menu du site";
    const saved = await call("PUT", "/api/flows/web-menu", { flow: web });
    expect(saved.statusCode).toBe(200);
    expect(codes(saved.json().problems)).not.toContain("lint/whatsapp-buttons");
    const webPublished = await call("POST", "/api/flows/web-menu/publish", { note: "nom" });
    expect(webPublished.statusCode).toBe(201);
    expect(codes(webPublished.json().problems)).not.toContain("lint/whatsapp-buttons");

    const wa = menuFlow("wa-menu", "wa-shared");
    wa.name = "Menu WhatsApp";
    expect(codes((await call("PUT", "/api/flows/wa-menu", { flow: wa })).json().problems)).toContain(
      "lint/whatsapp-buttons",
    );
    const waPublished = await call("POST", "/api/flows/wa-menu/publish", { note: "nom" });
    expect(waPublished.statusCode).toBe(201);
    expect(waPublished.json().problems).toContainEqual(
      expect.objectContaining({ code: "lint/whatsapp-buttons", nodeId: "menu", severity: "warning" }),
    );
  });

  it("follows an admin who points WhatsApp at another flow", async () => {
    const answer = await call("PUT", "/api/channel-settings/whatsapp", {
      enabled: true,
      flowId: "web-menu",
      settings: { phoneNumberId: "106540352242922" },
      secrets: { appSecret: "admin-secret", verifyToken: "admin-verify", token: "admin-token" },
    });
    expect(answer.statusCode).toBe(200);
    expect((await call("GET", "/api/flows/web-menu/channels")).json().channels).toContain("whatsapp");
    expect(codes((await call("GET", "/api/flows/web-menu")).json().problems)).toContain("lint/whatsapp-buttons");
    expect(codes((await call("GET", "/api/flows/wa-menu")).json().problems)).not.toContain("lint/whatsapp-buttons");
  });
});
