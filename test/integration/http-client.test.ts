import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../runtime/http-client/http-client.js";

describe("HTTP client for flow lookups", () => {
  let server: Server;
  let base: string;
  let port: number;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/json")
        return response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      if (request.url === "/garbage")
        return response.writeHead(200, { "content-type": "application/json" }).end("{nope");
      if (request.url === "/big") return response.writeHead(200).end("x".repeat(5000));
      if (request.url === "/slow") return setTimeout(() => response.end("late"), 2000);
      if (request.url === "/redirect") return response.writeHead(302, { location: "http://127.0.0.2:1/private" }).end();
      if (request.url === "/redirect-ok") return response.writeHead(302, { location: "/json" }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const get = (client: HttpClient, path: string, timeoutMs = 1000) =>
    client.run({ method: "GET", url: `${base}${path}`, headers: {}, timeoutMs });

  it("refuses loopback and private addresses unless allow-listed", async () => {
    const strict = new HttpClient({ allow: [], maxResponseBytes: 1000 });
    expect(await get(strict, "/json")).toMatchObject({ ok: false, error: "refused" });
    expect(await strict.run({ method: "GET", url: "http://localhost:1/", headers: {}, timeoutMs: 500 })).toMatchObject({
      ok: false,
      error: "refused",
    });
    expect(
      await strict.run({ method: "GET", url: "http://[::ffff:10.0.0.1]/", headers: {}, timeoutMs: 500 }),
    ).toMatchObject({
      ok: false,
      error: "refused",
    });
    expect(
      await strict.run({ method: "GET", url: "http://169.254.169.254/", headers: {}, timeoutMs: 500 }),
    ).toMatchObject({
      ok: false,
      error: "refused",
    });
    await strict.close();
  });

  it("reads JSON, bounds size and time, and reports garbage", async () => {
    const client = new HttpClient({ allow: ["127.0.0.1/32"], maxResponseBytes: 1000 });
    expect(await get(client, "/json")).toMatchObject({ ok: true, status: 200, body: { ok: true } });
    expect(await get(client, "/missing")).toMatchObject({ ok: true, status: 404 });
    expect(await get(client, "/garbage")).toMatchObject({ ok: false, error: "invalid" });
    expect(await get(client, "/big")).toMatchObject({ ok: false, error: "too_large" });
    expect(await get(client, "/slow", 200)).toMatchObject({ ok: false, error: "timeout" });
    expect(await get(client, "/redirect-ok")).toMatchObject({ ok: true, body: { ok: true } });
    await client.close();
  });

  it("checks every redirect target again", async () => {
    const client = new HttpClient({ allow: [`127.0.0.1:${port}`], maxResponseBytes: 1000 });
    expect(await get(client, "/json")).toMatchObject({ ok: true });
    expect(await get(client, "/redirect")).toMatchObject({ ok: false, error: "refused" });
    await client.close();
  });

  it("drops credentials and headers carrying a flow secret on a redirect to another origin", async () => {
    const received: Record<string, string | string[] | undefined>[] = [];
    const other = createServer((request, response) => {
      received.push(request.headers);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.2", resolve));
    const away = `http://127.0.0.2:${(other.address() as AddressInfo).port}/landing`;
    const bouncer = createServer((request, response) => {
      if (request.url === "/away") return response.writeHead(302, { location: away }).end();
      received.push(request.headers);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => bouncer.listen(0, "127.0.0.1", resolve));
    const home = `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}`;
    const client = new HttpClient({ allow: ["127.0.0.0/8"], maxResponseBytes: 1000, secretValues: ["k3y-s3cr3t"] });
    const headers = {
      Authorization: "Bearer t0ken",
      Cookie: "sid=1",
      "X-Api-Key": "k3y-s3cr3t",
      Accept: "application/json",
    };
    expect(await client.run({ method: "GET", url: `${home}/away`, headers, timeoutMs: 1000 })).toMatchObject({
      ok: true,
    });
    expect(received.at(-1)).toMatchObject({ accept: "application/json" });
    expect(received.at(-1)).not.toHaveProperty("authorization");
    expect(received.at(-1)).not.toHaveProperty("cookie");
    expect(received.at(-1)).not.toHaveProperty("x-api-key");
    await client.run({ method: "GET", url: `${home}/here`, headers, timeoutMs: 1000 });
    expect(received.at(-1)).toMatchObject({ authorization: "Bearer t0ken", "x-api-key": "k3y-s3cr3t" });
    await client.close();
    await Promise.all([other, bouncer].map((server) => new Promise((resolve) => server.close(resolve))));
  });
});
