import { createHmac, timingSafeEqual } from "node:crypto";
import type { SignedRequest } from "./adapter.js";

/**
 * Meta's webhook signature (WhatsApp and Messenger): `X-Hub-Signature-256: sha256=<hex>`, the
 * HMAC-SHA256 of the raw body with the app secret, compared in constant time.
 */
export function verifyMetaSignature(request: SignedRequest, appSecret: string): boolean {
  const header = request.headers["x-hub-signature-256"];
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", appSecret).update(request.rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Meta's subscription handshake: the challenge echoed when the verify token is the one configured. */
export function metaChallenge(query: Record<string, string | undefined>, verifyToken: string): string | undefined {
  const token = Buffer.from(query["hub.verify_token"] ?? "");
  const expected = Buffer.from(verifyToken);
  const same = token.length === expected.length && timingSafeEqual(token, expected);
  return query["hub.mode"] === "subscribe" && same ? query["hub.challenge"] : undefined;
}
