import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaSignature, whatsappMessage } from "../fixtures/whatsapp-webhook.js";
import { ADMIN, type Harness, startHarness, typeInto } from "./harness.js";

/*
 * A WhatsApp customer waiting for a person sends a photo: the agent who takes the case sees it in
 * the transcript, inline, fetched through Relais from a local Graph API with the channel's token.
 */

const SECRET = "whatsapp-app-secret";
const TOKEN = "graph-token";
const PHONE_ID = "106540352242922";
const CUSTOMER = "33655554444";
const artifacts = resolve(import.meta.dirname, "../artifacts");

let harness: Harness;
let graph: Server;
let graphUrl = "";
/** The photo the customer sends: an orange rectangle Chromium draws for the test. */
let photo: Buffer = Buffer.alloc(0);
let sent = 0;

function startGraph(): Promise<string> {
  graph = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const path = request.url ?? "";
      if (request.method === "POST") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ messaging_product: "whatsapp", messages: [{ id: `wamid.out-${++sent}` }] }));
      } else if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: "Invalid OAuth access token", code: 190 } }));
      } else if (path === "/1003383421387256") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ url: `${graphUrl}/files/colis.png`, mime_type: "image/png", id: path.slice(1) }));
      } else if (path === "/files/colis.png") {
        response.writeHead(200, { "content-type": "image/png", "content-length": photo.length });
        response.end(photo);
      } else {
        response.writeHead(404).end();
      }
    });
  });
  return new Promise((done) =>
    graph.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${(graph.address() as AddressInfo).port}`)),
  );
}

/** A Cloud API webhook with one message, signed as Meta signs it. */
async function whatsapp(id: string, message: Record<string, unknown>) {
  const raw = JSON.stringify(whatsappMessage(CUSTOMER, id, message, { name: "Camille", phoneNumberId: PHONE_ID }));
  const response = await fetch(`${harness.baseUrl}/webhooks/whatsapp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": metaSignature(raw, SECRET),
    },
    body: raw,
  });
  expect(response.status).toBe(200);
}
const text = (body: string) => ({ type: "text", text: { body } });

beforeAll(async () => {
  graphUrl = await startGraph();
  harness = await startHarness({
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    WHATSAPP_TOKEN: TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_FLOW: "triage",
    WHATSAPP_API_URL: graphUrl,
  });
  mkdirSync(artifacts, { recursive: true });
  const drawing = await harness.browser.newPage();
  await drawing.setContent('<div id="p" style="width:320px;height:200px;background:#f97316"></div>');
  photo = await drawing.locator("#p").screenshot();
  await drawing.close();
});
afterAll(async () => {
  await harness?.close();
  await new Promise((done) => graph?.close(done));
});

describe("a customer's photo in the agent console", () => {
  it("shows the agent the photo a waiting WhatsApp customer sent, inline with its caption", async () => {
    // Camille gives her order number, and the flow hands her to a person of the support queue.
    await whatsapp("wamid.1", text("Bonjour"));
    await whatsapp("wamid.2", {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "email", title: "E-mail" } },
    });
    await whatsapp("wamid.3", text("camille.martin@example.fr"));
    await whatsapp("wamid.4", text("CMD-100002"));
    await whatsapp("wamid.5", {
      type: "image",
      image: { caption: "Le carton est arrivé déchiré", mime_type: "image/png", sha256: "x", id: "1003383421387256" },
    });

    const page = await (
      await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 1000 } })
    ).newPage();
    await page.goto(`${harness.baseUrl}/agent`);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.locator(".agent-console").waitFor();
    await page.locator('li[data-queue="support"]').getByRole("button", { name: "Prendre la suivante" }).click();
    const image = page.getByRole("img", { name: "Image envoyée par le client : Le carton est arrivé déchiré" });
    await image.waitFor();
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(320);
    const box = await image.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(240);
    await page.locator(".entry.customer figcaption", { hasText: "Le carton est arrivé déchiré" }).waitFor();
    await image.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "agent-attachment.png") });
    await page.context().close();
  });
});
