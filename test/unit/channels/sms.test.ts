import { describe, expect, it } from "vitest";
import { MalformedPayload } from "../../../runtime/channels/adapter.js";
import { spelledNumber } from "../../../runtime/channels/sms/number-words.js";
import { parseTwilio } from "../../../runtime/channels/sms/parse.js";
import { renderSms } from "../../../runtime/channels/sms/render.js";
import { MAX_SEGMENTS, plainForSms, segments, smsParts } from "../../../runtime/channels/sms/segments.js";
import { twilioSignature, verifyTwilio } from "../../../runtime/channels/sms/signature.js";

describe("SMS segments", () => {
  it("counts GSM-7 at 160 for one SMS and 153 per part beyond", () => {
    expect(segments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(segments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
    expect(segments("a".repeat(306)).segments).toBe(2);
    expect(segments("a".repeat(307)).segments).toBe(3);
    expect(segments("").segments).toBe(1);
  });
  it("counts the extension table's characters as two", () => {
    expect(segments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(segments("€".repeat(81)).segments).toBe(2);
  });
  it("counts UCS-2 at 70 and 67, an emoji as two units", () => {
    expect(segments("ê".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(segments("ê".repeat(71)).segments).toBe(2);
    expect(segments("ê".repeat(134)).segments).toBe(2);
    expect(segments("ê".repeat(135)).segments).toBe(3);
    expect(segments("📦").units).toBe(2);
  });
  it("makes typographic punctuation plain when that keeps the text GSM-7, never letters", () => {
    expect(plainForSms("C’est « prêt »")).toBe("C’est « prêt »");
    expect(plainForSms("C’est « OK »…")).toBe('C\'est " OK "...');
    expect(segments(plainForSms("L’envoi part demain à 9 h – merci")).encoding).toBe("GSM-7");
  });
  it("sends a text of up to 10 segments as one message, splits longer ones after words", () => {
    expect(smsParts("a ".repeat(700).trim())).toHaveLength(1);
    const parts = smsParts("mot ".repeat(600).trim());
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(segments(part).segments).toBeLessThanOrEqual(MAX_SEGMENTS);
      expect(part.startsWith("mot")).toBe(true);
    }
  });
});

describe("a bot message as SMS", () => {
  it("numbers its choices and gives media as links", () => {
    expect(
      renderSms({
        nodeId: "n",
        text: "Que voulez-vous ?",
        choices: [
          { id: "a", label: "Suivre" },
          { id: "b", label: "Annuler" },
        ],
        media: [{ kind: "image", url: "https://x.fr/a.png", caption: "Le colis" }],
      }),
    ).toEqual([{ Body: "Que voulez-vous ?\nLe colis\nhttps://x.fr/a.png\n1. Suivre\n2. Annuler" }]);
  });
});

describe("answers spelt out", () => {
  it("reads French and English number words as the whole answer", () => {
    expect(spelledNumber("deux")).toBe(2);
    expect(spelledNumber("Deux.")).toBe(2);
    expect(spelledNumber("le trois")).toBe(3);
    expect(spelledNumber("two")).toBe(2);
    expect(spelledNumber("deux colis")).toBeUndefined();
    expect(spelledNumber("2")).toBeUndefined();
  });
});

describe("Twilio webhooks", () => {
  const incoming = {
    AccountSid: "AC123",
    ApiVersion: "2010-04-01",
    Body: "Bonjour",
    From: "+33612345678",
    MessageSid: "SM1234567890abcdef1234567890abcdef",
    NumMedia: "0",
    SmsStatus: "received",
    To: "+33700000000",
  };
  it("reads an incoming message, an MMS without text as unsupported, and status callbacks", () => {
    expect(parseTwilio(incoming)).toEqual([
      { kind: "message", externalId: incoming.MessageSid, address: "+33612345678", text: "Bonjour" },
    ]);
    expect(parseTwilio({ ...incoming, Body: "", NumMedia: "1" })[0]).toMatchObject({ unsupported: "media" });
    expect(parseTwilio({ MessageSid: "SM9", MessageStatus: "delivered", To: "+33612345678" })).toEqual([
      { kind: "status", providerMessageId: "SM9", status: "delivered" },
    ]);
    expect(parseTwilio({ MessageSid: "SM9", MessageStatus: "undelivered", ErrorCode: "30003" })).toEqual([
      { kind: "status", providerMessageId: "SM9", status: "failed", error: "Twilio error 30003" },
    ]);
    expect(parseTwilio({ MessageSid: "SM9", MessageStatus: "sending" })).toEqual([]);
    expect(() => parseTwilio({ Body: "x" })).toThrow(MalformedPayload);
  });
  it("checks X-Twilio-Signature over the URL and the sorted parameters", () => {
    // Twilio's documented example (twilio.com/docs/usage/security#validating-requests).
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const params = {
      CallSid: "CA1234567890ABCDE",
      Caller: "+12349013030",
      Digits: "1234",
      From: "+12349013030",
      To: "+18005551212",
    };
    expect(twilioSignature("12345", url, params)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    expect(verifyTwilio("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).toBe(true);
    expect(verifyTwilio("12345", url, { ...params, Digits: "0000" }, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")).toBe(false);
    expect(verifyTwilio("12345", url, params, undefined)).toBe(false);
  });
});
