import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../runtime/config.js";
import { ADMIN, type Built, build } from "./helpers.js";

/** Relais behind one reverse proxy on the same machine: every request reaches it from loopback. */
describe("behind a reverse proxy (RELAIS_TRUST_PROXY)", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build({ RELAIS_TRUST_PROXY: "1" });
  });
  afterAll(() => built.close());

  const viaProxy = (url: string, payload: object, forwardedFor: string) =>
    built.app.inject({
      method: "POST",
      url,
      payload,
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": forwardedFor },
    });

  it("judges the REST channel's loopback rule on the client, not on the proxy", async () => {
    const outside = await viaProxy(
      "/api/channels/rest/messages",
      { flowId: "echo", from: "x", messageId: "tp-1", text: "Bonjour" },
      "203.0.113.7",
    );
    expect(outside.statusCode).toBe(403);
    const local = await viaProxy(
      "/api/channels/rest/messages",
      { flowId: "echo", from: "x", messageId: "tp-2", text: "Bonjour" },
      "127.0.0.1",
    );
    expect(local.statusCode).toBe(200);
  });

  it("counts wrong passwords per the address the proxy saw, whatever the client writes first", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await viaProxy(
        "/api/auth/login",
        { email: ADMIN.email, password: "wrong-password" },
        `10.9.8.${i}, 198.51.100.23`,
      );
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const elsewhere = await viaProxy(
      "/api/auth/login",
      { email: ADMIN.email, password: "wrong-password" },
      "198.51.100.24",
    );
    expect(elsewhere.statusCode).toBe(401);
  });

  it("takes a list of trusted proxies, and refuses what is neither a count nor an address", () => {
    expect(loadConfig({ RELAIS_TRUST_PROXY: "10.0.0.0/8, loopback" }).trustProxy).toEqual(["10.0.0.0/8", "loopback"]);
    expect(loadConfig({ RELAIS_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(() => loadConfig({ RELAIS_TRUST_PROXY: "true" })).toThrow(/RELAIS_TRUST_PROXY: `true` is neither/);
  });
});
