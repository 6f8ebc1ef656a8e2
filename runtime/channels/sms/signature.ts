import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1, with the auth token, of the webhook's URL as
 * configured at Twilio followed by each POST parameter's name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, form: Record<string, string>): string {
  const data = Object.keys(form)
    .sort()
    .reduce((text, key) => text + key + form[key], url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

export function verifyTwilio(authToken: string, url: string, form: Record<string, string>, header: unknown): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(twilioSignature(authToken, url, form));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The form fields of a body, each name once (Twilio sends no repeated names in messaging webhooks). */
export function readForm(raw: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
}
