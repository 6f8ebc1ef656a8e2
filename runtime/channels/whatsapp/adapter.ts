import type { ChannelAdapter, SendResult } from "../adapter.js";
import type { WhatsAppSettings } from "../channel-settings.js";
import { verifyMetaSignature } from "../meta-signature.js";
import type { ProviderHttp } from "../provider-http.js";
import { parseWhatsApp } from "./parse.js";
import { renderWhatsApp, type WhatsAppPayload } from "./render.js";

export function whatsappAdapter(settings: WhatsAppSettings, http: ProviderHttp): ChannelAdapter<WhatsAppPayload> {
  return {
    channel: "whatsapp",
    verify: (request) => verifyMetaSignature(request, settings.appSecret),
    parse: parseWhatsApp,
    render: (message, context) => renderWhatsApp(message, context, settings.template),
    async send(address, payload): Promise<SendResult> {
      const response = await http.post(
        `${settings.apiUrl}/${encodeURIComponent(settings.phoneNumberId)}/messages`,
        JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to: address, ...payload }),
        { "content-type": "application/json", authorization: `Bearer ${settings.token}` },
      );
      // Graph refuses with a 4xx what it will always refuse (outside the window, not a WhatsApp number).
      if (!response.ok) return { ok: false, error: `WhatsApp ${response.error}.`, final: !response.retryable };
      const id = (response.body as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id;
      if (typeof id !== "string") return { ok: false, error: "WhatsApp took the message but gave no message id." };
      return { ok: true, providerMessageId: id };
    },
  };
}
