import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** A stand-in CRM speaking the sample CRM's wire format, so `relais chat` makes real HTTP calls. */
let crm: Server;
let crmUrl: string;
const calls: { url: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  crm = createServer((request, response) => {
    calls.push({ url: request.url ?? "", authorization: request.headers.authorization });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.url === "/customers?email=camille.martin%40example.fr") {
      return send(200, { id: "C-1001", number: "C-1001", firstName: "Camille", lastName: "Martin", tier: "gold" });
    }
    if (request.url === "/orders/CMD-100002") {
      return send(200, {
        number: "CMD-100002",
        customerId: "C-1001",
        status: "processing",
        statusLabel: "En préparation",
        total: 740,
        currency: "EUR",
        deliveryDate: "2026-11-30",
        dispute: false,
      });
    }
    send(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => crm.listen(0, "127.0.0.1", resolve));
  crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => crm.close(() => resolve())));

function chat(
  flow: string,
  lines: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["runtime/cli/bin.js", "chat", flow], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
    child.stdin.end(`${lines.join("\n")}\n`);
  });
}

describe("relais chat", () => {
  it("talks to a flow in the terminal with real HTTP lookups and shows the handoff reason", async () => {
    const { code, out } = await chat("order-status", ["1", "camille.martin@example.fr", "CMD-100002"], {
      RELAIS_SECRET_CRM_BASE_URL: crmUrl,
      RELAIS_SECRET_CRM_TOKEN: "chat-token",
      RELAIS_HTTP_ALLOW: "127.0.0.1",
    });
    expect(out).toMatch(/bot> Pour vous identifier, que préférez-vous me donner \?/);
    expect(out).toMatch(/1\. Mon e-mail {2}\[email\]/);
    expect(out).toMatch(/bot> Merci Camille, je vous ai bien retrouvé\./);
    expect(out).toMatch(/-- handed off to queue `priority` \(high\): high-value — order\.total = 740 >= 500/);
    expect(code).toBe(0);
    expect(calls).toEqual([
      { url: "/customers?email=camille.martin%40example.fr", authorization: "Bearer chat-token" },
      { url: "/orders/CMD-100002", authorization: "Bearer chat-token" },
    ]);
  });

  it("refuses a loopback CRM that the operator has not allowed", async () => {
    const { out } = await chat("order-status", ["1", "camille.martin@example.fr"], {
      RELAIS_SECRET_CRM_BASE_URL: crmUrl,
      RELAIS_SECRET_CRM_TOKEN: "chat-token",
      RELAIS_HTTP_ALLOW: "",
    });
    expect(out).toMatch(/handed off to queue `support` \(high\): handoff-crm-down/);
  });

  it("says which flows exist when the flow is unknown", async () => {
    const { code, out } = await chat("nope", [], {});
    expect(code).toBe(1);
    expect(out).toMatch(/no flow `nope` in .*flows; known: identify-customer, order-status, triage\./);
  });
});
