import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchAttachment } from "../../runtime/channels/attachment-fetch.js";
import { ProviderHttp } from "../../runtime/channels/provider-http.js";
import { ChannelRegistry } from "../../runtime/channels/registry.js";

/*
 * Twilio's media answer to the account's key and redirect to where the file is kept: the key goes to
 * Twilio only, never to where it leads; Messenger's files come from its CDN with no key at all.
 */

const seen: { path: string; authorization: string | undefined }[] = [];
let server: Server;
let base = "";
const http = new ProviderHttp({ timeoutMs: 5_000, maxResponseBytes: 64 * 1024 });
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "";
    seen.push({ path, authorization: request.headers.authorization });
    if (path.startsWith("/2010-04-01/")) {
      response.writeHead(307, { location: `${base}/s3/ME1.gif` }).end();
    } else if (path === "/s3/ME1.gif" || path === "/cdn/photo.gif") {
      response.writeHead(200, { "content-type": "image/gif" }).end(GIF);
    } else if (path === "/cdn/huge.bin") {
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": 30 * 1024 * 1024 });
      response.end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await http.close();
  await new Promise((done) => server.close(done));
});

const registry = () =>
  new ChannelRegistry(http, {
    sms: {
      accountSid: "AC123",
      authToken: "twilio-secret",
      publicUrl: "https://relais.example/webhooks/twilio",
      from: "+33700000000",
      flowId: "triage",
      apiUrl: base,
    },
  });

describe("fetching a customer's file from the provider", () => {
  it("sends Twilio's key to Twilio and not to where its redirect leads", async () => {
    seen.length = 0;
    const url = `${base}/2010-04-01/Accounts/AC123/Messages/MM1/Media/ME1`;
    const fetched = await fetchAttachment("sms", { kind: "image", url, mime: "image/gif" }, registry(), http);
    expect(fetched).toMatchObject({ ok: true, contentType: "image/gif", inline: true });
    expect(fetched.ok && fetched.body.equals(GIF)).toBe(true);
    const key = `Basic ${Buffer.from("AC123:twilio-secret").toString("base64")}`;
    expect(seen).toEqual([
      { path: "/2010-04-01/Accounts/AC123/Messages/MM1/Media/ME1", authorization: key },
      { path: "/s3/ME1.gif", authorization: undefined },
    ]);
  });

  it("takes Messenger's files from its CDN without a key, and refuses one past the size limit", async () => {
    expect(
      await fetchAttachment("messenger", { kind: "image", url: `${base}/cdn/photo.gif` }, registry(), http),
    ).toMatchObject({ ok: true, contentType: "image/gif" });
    expect(
      await fetchAttachment("messenger", { kind: "file", url: `${base}/cdn/huge.bin` }, registry(), http),
    ).toMatchObject({ ok: false, tooLarge: true });
    expect(await fetchAttachment("whatsapp", { kind: "image", mediaId: "1" }, registry(), http)).toMatchObject({
      ok: false,
    });
  });
});
