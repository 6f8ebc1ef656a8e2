import type { ChannelAdapter, SendResult } from "../adapter.js";
import type { TwilioSettings } from "../channel-settings.js";
import type { ProviderHttp } from "../provider-http.js";
import { parseTwilio } from "./parse.js";
import { renderSms, type SmsPayload } from "./render.js";
import { readForm, verifyTwilio } from "./signature.js";

/** SMS through Twilio: form webhooks signed with the auth token, replies through the Messages API. */
export function twilioAdapter(settings: TwilioSettings, http: ProviderHttp): ChannelAdapter<SmsPayload> {
  return {
    channel: "sms",
    verify: (request) =>
      verifyTwilio(
        settings.authToken,
        settings.publicUrl,
        readForm(request.rawBody),
        request.headers["x-twilio-signature"],
      ),
    parse: (body) => parseTwilio(body as Record<string, string>),
    render: (message) => renderSms(message),
    async send(address, payload): Promise<SendResult> {
      // A messaging service (its SID starts with MG) picks the number itself.
      const sender: Record<string, string> = settings.from.startsWith("MG")
        ? { MessagingServiceSid: settings.from }
        : { From: settings.from };
      const form = new URLSearchParams({
        To: address,
        ...sender,
        Body: payload.Body,
        StatusCallback: settings.publicUrl,
      });
      const auth = Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64");
      const response = await http.post(
        `${settings.apiUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`,
        form.toString(),
        { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${auth}` },
      );
      if (!response.ok) return { ok: false, error: `Twilio ${response.error}.`, final: !response.retryable };
      const sid = (response.body as { sid?: unknown } | undefined)?.sid;
      if (typeof sid !== "string") return { ok: false, error: "Twilio took the message but gave no sid." };
      return { ok: true, providerMessageId: sid };
    },
  };
}
