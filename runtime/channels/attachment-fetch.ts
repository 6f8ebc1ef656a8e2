import type { Attachment } from "../../schema/api/channels.js";
import type { ProviderFile, ProviderHttp } from "./provider-http.js";
import type { ChannelRegistry } from "./registry.js";

/** The largest file shown to agents: WhatsApp's and Twilio's media limits are 16 MB and 5 MB; Messenger's 25 MB. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** The media types shown inline in the console; anything else is downloaded, never rendered by the browser. */
const INLINE = /^(image\/(jpeg|png|gif|webp)|video\/(mp4|3gpp)|audio\/(aac|amr|mpeg|mp4|ogg))$/;

export type FetchedAttachment =
  | { ok: true; contentType: string; inline: boolean; body: Buffer }
  | { ok: false; error: string; tooLarge?: boolean };

/**
 * A customer's file from their channel's provider, with the channel's credentials: WhatsApp gives a
 * media id, whose address the Graph API tells with the token; Twilio's media answer to the account's
 * key; Messenger's are on its CDN. Its type must be the kind the provider announced.
 */
export async function fetchAttachment(
  channel: string,
  attachment: Attachment,
  registry: ChannelRegistry,
  http: ProviderHttp,
): Promise<FetchedAttachment> {
  const file = await download(channel, attachment, registry, http);
  if (!file.ok) return file;
  const contentType = file.contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const family = contentType.split("/")[0];
  if (attachment.kind !== "file" && family !== attachment.kind) {
    return {
      ok: false,
      error: `sent ${contentType || "no type"} for ${attachment.kind === "image" ? "an" : "a"} ${attachment.kind}`,
    };
  }
  return {
    ok: true,
    contentType: contentType || "application/octet-stream",
    inline: INLINE.test(contentType),
    body: file.body,
  };
}

async function download(
  channel: string,
  attachment: Attachment,
  registry: ChannelRegistry,
  http: ProviderHttp,
): Promise<ProviderFile> {
  if (channel === "whatsapp") {
    const whatsapp = registry.get("whatsapp");
    if (!whatsapp || !attachment.mediaId) return { ok: false, error: "is off, or the file has no media id" };
    const auth = { authorization: `Bearer ${whatsapp.settings.token}` };
    const described = await http.file(
      `${whatsapp.settings.apiUrl}/${encodeURIComponent(attachment.mediaId)}`,
      auth,
      64 * 1024,
    );
    if (!described.ok) return described;
    let url: unknown;
    try {
      url = (JSON.parse(described.body.toString("utf8")) as { url?: unknown }).url;
    } catch {
      url = undefined;
    }
    if (typeof url !== "string") return { ok: false, error: "did not say where the file is" };
    return http.file(url, auth, ATTACHMENT_MAX_BYTES);
  }
  if (!attachment.url) return { ok: false, error: "has no address for this file" };
  if (channel === "sms") {
    const sms = registry.get("sms");
    if (!sms) return { ok: false, error: "is off" };
    const key = Buffer.from(`${sms.settings.accountSid}:${sms.settings.authToken}`).toString("base64");
    return http.file(attachment.url, { authorization: `Basic ${key}` }, ATTACHMENT_MAX_BYTES);
  }
  if (channel === "messenger") return http.file(attachment.url, {}, ATTACHMENT_MAX_BYTES);
  return { ok: false, error: "keeps no files" };
}
