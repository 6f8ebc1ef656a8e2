import { type Channel, MEDIA_SUPPORT, type MediaKind } from "../channel-capabilities.js";
import type { Media } from "../nodes/message.js";
import type { Problem } from "../problem.js";
import { type LintContext, nodeProblem, nodesOf, pointerSegment } from "./context.js";
import { labelsOf } from "./whatsapp.js";

/** The channels whose media have rules, in the order problems name them. */
const PROVIDERS = ["whatsapp", "messenger"] as const satisfies readonly Channel[];
const NAMES: Record<Channel, string> = {
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  sms: "SMS",
  webchat: "the web chat",
  rest: "the REST channel",
};
const KIND_WORDS: Record<MediaKind, string> = { image: "image", video: "video", audio: "audio file", file: "file" };
const A_KIND: Record<MediaKind, string> = {
  image: "an image",
  video: "a video",
  audio: "an audio file",
  file: "a file",
};

/** Each medium of each message node, with where it sits. */
function mediaOf(context: LintContext): { index: number; nodeId: string; i: number; media: Media }[] {
  return nodesOf(context.flow).flatMap((node, index) =>
    node.type === "message" && Array.isArray(node.media)
      ? node.media.map((media, i) => ({ index, nodeId: node.id, i, media }))
      : [],
  );
}

/** An SMS carries no picture or file: the customer gets the medium's link as text instead. */
export function smsMedia(context: LintContext): Problem[] {
  if (!context.channels.has("sms")) return [];
  return mediaOf(context).map(({ index, nodeId, i, media }) =>
    nodeProblem(
      context,
      index,
      `/media/${i}`,
      "sms-media",
      `node \`${nodeId}\`: an SMS cannot show the ${KIND_WORDS[media.kind]}; the customer gets its link (${media.url}) as text instead.`,
      "warning",
      { kind: media.kind, url: media.url },
    ),
  );
}

/**
 * The file's format by the extension of its address, when written out (a `{{ }}` template or an
 * address without one says nothing).
 */
export function formatOf(url: string): string | undefined {
  if (url.includes("{{")) return undefined;
  const path = url.split(/[?#]/)[0] ?? "";
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/** A medium in a format a channel does not show as that kind (a GIF or WebP image on WhatsApp, a MOV video). */
export function mediaFormat(context: LintContext): Problem[] {
  return mediaOf(context).flatMap(({ index, nodeId, i, media }) => {
    const format = formatOf(media.url);
    if (format === undefined) return [];
    return PROVIDERS.flatMap((channel) => {
      const formats = MEDIA_SUPPORT[channel][media.kind]?.formats;
      if (!context.channels.has(channel) || !formats || formats.includes(format)) return [];
      return [
        nodeProblem(
          context,
          index,
          `/media/${i}/url`,
          "media-format",
          `node \`${nodeId}\`: ${NAMES[channel]} does not show ${format.toUpperCase()} files as ${A_KIND[media.kind]}, and the customer would get nothing; use ${formats.map((each) => each.toUpperCase()).join(", ")}.`,
          "warning",
          { channel, kind: media.kind, format, accepted: formats.map((each) => each.toUpperCase()) },
        ),
      ];
    });
  });
}

/** A caption a channel cuts (past 1,024 characters under WhatsApp's images, videos and files). */
export function mediaCaption(context: LintContext): Problem[] {
  return mediaOf(context).flatMap(({ index, nodeId, i, media }) => {
    const caption = media.caption;
    if (caption === undefined) return [];
    return PROVIDERS.flatMap((channel) => {
      const limit = MEDIA_SUPPORT[channel][media.kind]?.caption;
      if (!context.channels.has(channel) || limit === undefined) return [];
      return labelsOf(caption).flatMap(({ text, language }) => {
        const length = [...text].length;
        if (length <= limit) return [];
        return [
          nodeProblem(
            context,
            index,
            `/media/${i}/caption${language === undefined ? "" : `/${pointerSegment(language)}`}`,
            "media-caption",
            `node \`${nodeId}\`: the caption has ${length} characters, but ${NAMES[channel]} shows at most ${limit} under ${A_KIND[media.kind]}; the rest would be cut. Shorten it.`,
            "warning",
            { channel, kind: media.kind, length, limit },
          ),
        ];
      });
    });
  });
}
