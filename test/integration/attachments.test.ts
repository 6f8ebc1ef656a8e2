import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignature, whatsappMessage } from "../fixtures/whatsapp-webhook.js";
import { ADMIN, type Built, login, userWithRole } from "./helpers.js";
import { buildWithChoices } from "./providers/setup.js";

/*
 * A customer's WhatsApp picture reaches the agent through Relais: the media id is looked up on a
 * local Graph API with the channel's token, the file fetched with it, checked, and passed on.
 */

const SECRET = "whatsapp-app-secret";
const TOKEN = "graph-token";
/** The smallest PNG: one transparent pixel. */
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const seen: { path: string; authorization: string | undefined }[] = [];
let server: Server;
let base = "";
let built: Built;
let admin: string;

/** Graph's media endpoints as documented: GET /<media-id> tells the file's url, which answers to the same token. */
function graph(request: IncomingMessage, response: import("node:http").ServerResponse) {
  const path = request.url ?? "";
  seen.push({ path, authorization: request.headers.authorization });
  if (request.method === "POST") {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ messaging_product: "whatsapp", messages: [{ id: `wamid.out-${seen.length}` }] }));
    return;
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    response.writeHead(401, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { message: "Invalid OAuth access token", code: 190 } }));
    return;
  }
  const media: Record<string, { url: string; mime_type: string }> = {
    "/1003383421387256": { url: `${base}/files/photo`, mime_type: "image/png" },
    "/2003383421387256": { url: `${base}/files/page`, mime_type: "image/png" },
  };
  const described = media[path];
  if (described) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ messaging_product: "whatsapp", ...described, file_size: 68, id: path.slice(1) }));
  } else if (path === "/files/photo") {
    response.writeHead(200, { "content-type": "image/png", "content-length": PIXEL.length });
    response.end(PIXEL);
  } else if (path === "/files/page") {
    response.writeHead(200, { "content-type": "text/html" });
    response.end("<script>alert(1)</script>");
  } else {
    response.writeHead(404, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { message: "Unknown path", code: 100 } }));
  }
}

function post(body: unknown) {
  const raw = JSON.stringify(body);
  return built.app.inject({
    method: "POST",
    url: "/webhooks/whatsapp",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": metaSignature(raw, SECRET),
    },
    payload: raw,
  });
}

const imageFrom = (from: string, id: string, mediaId: string) =>
  whatsappMessage(from, id, {
    type: "image",
    image: { caption: "Le colis abîmé", mime_type: "image/png", sha256: "x", id: mediaId },
  });

interface Line {
  role: string;
  attachments?: { kind: string; mime?: string; caption?: string; href: string }[];
}

async function customerLine(from: string): Promise<{ conversationId: string; line: Line }> {
  const list = (await built.app.inject({ url: "/api/conversations", headers: { cookie: admin } })).json();
  const { conversations } = built.app.store.tables;
  const rows = await built.app.store.read((db) => db.select().from(conversations));
  const conversationId = rows.find((row) => row.address === from)?.id as string;
  expect(list).toBeDefined();
  const detail = (
    await built.app.inject({ url: `/api/conversations/${conversationId}`, headers: { cookie: admin } })
  ).json();
  const line = (detail.transcript as Line[]).find((each) => each.role === "customer") as Line;
  return { conversationId, line };
}

beforeAll(async () => {
  server = createServer(graph);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  built = await buildWithChoices({
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
    WHATSAPP_FLOW: "choices",
    WHATSAPP_API_URL: base,
  });
  admin = await login(built.app, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await built?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("a customer's picture, shown to agents through Relais", () => {
  it("keeps the picture with the customer's line and serves it with the channel's token", async () => {
    expect((await post(imageFrom("33611111111", "wamid.photo", "1003383421387256"))).statusCode).toBe(200);
    const { line } = await customerLine("33611111111");
    expect(line.attachments).toEqual([
      { kind: "image", mime: "image/png", caption: "Le colis abîmé", href: expect.stringMatching(/\/attachments\/0$/) },
    ]);
    const href = line.attachments?.[0]?.href as string;
    const file = await built.app.inject({ url: href, headers: { cookie: admin } });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-disposition"]).toMatch(/^inline;/);
    expect(file.rawPayload.equals(PIXEL)).toBe(true);
    const fetched = seen.filter((each) => each.path === "/1003383421387256" || each.path === "/files/photo");
    expect(fetched.map((each) => each.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it("serves it to signed-in agents who see the conversation only", async () => {
    const { line } = await customerLine("33611111111");
    const href = line.attachments?.[0]?.href as string;
    expect((await built.app.inject({ url: href })).statusCode).toBe(401);
    // An agent of the support queue only: the conversation was never handed to it.
    const outsider = await userWithRole(built.app, "agent", "outsider");
    const users = (await built.app.inject({ url: "/api/users", headers: { cookie: admin } })).json();
    const id = users.find((user: { email: string }) => user.email === "outsider@example.fr").id;
    await built.app.inject({
      method: "PUT",
      url: `/api/users/${id}`,
      headers: { cookie: admin },
      payload: { queues: ["support"] },
    });
    expect((await built.app.inject({ url: href, headers: { cookie: outsider } })).statusCode).toBe(404);
    const missing = href.replace(/\/0$/, "/3");
    expect((await built.app.inject({ url: missing, headers: { cookie: admin } })).statusCode).toBe(404);
  });

  it("refuses a file whose type is not the picture announced, and says why", async () => {
    expect((await post(imageFrom("33622222222", "wamid.page", "2003383421387256"))).statusCode).toBe(200);
    const { line } = await customerLine("33622222222");
    const answer = await built.app.inject({ url: line.attachments?.[0]?.href as string, headers: { cookie: admin } });
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error).toMatchObject({ code: "ATTACHMENT_UNAVAILABLE" });
    expect(answer.json().error.message).toContain("sent text/html for an image");
  });
});
