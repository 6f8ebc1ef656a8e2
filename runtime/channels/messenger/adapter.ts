import type { ChannelAdapter, SendResult } from "../adapter.js";
import type { MessengerSettings } from "../channel-settings.js";
import { verifyMetaSignature } from "../meta-signature.js";
import type { ProviderHttp } from "../provider-http.js";
import { parseMessenger } from "./parse.js";
import { type MessengerPayload, renderMessenger } from "./render.js";

export function messengerAdapter(settings: MessengerSettings, http: ProviderHttp): ChannelAdapter<MessengerPayload> {
  return {
    channel: "messenger",
    verify: (request) => verifyMetaSignature(request, settings.appSecret),
    parse: parseMessenger,
    render: renderMessenger,
    async send(address, payload): Promise<SendResult> {
      const response = await http.post(
        `${settings.apiUrl}/me/messages?access_token=${encodeURIComponent(settings.pageToken)}`,
        JSON.stringify({ recipient: { id: address }, ...payload }),
        { "content-type": "application/json" },
      );
      if (!response.ok) return { ok: false, error: `Messenger ${response.error}.`, final: !response.retryable };
      const id = (response.body as { message_id?: unknown } | undefined)?.message_id;
      if (typeof id !== "string") return { ok: false, error: "Messenger took the message but gave no message id." };
      return { ok: true, providerMessageId: id };
    },
  };
}
