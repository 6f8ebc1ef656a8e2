/*
 * What each channel can show: the one table the channels' renderers cut and split by and the
 * linter warns from, so a warning in the designer says exactly what the customer would get.
 */

/** The channels a flow can be published on: three providers' and Relais's own two. */
export const CHANNELS = ["whatsapp", "messenger", "sms", "webchat", "rest"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The kinds of media a message node can send. */
export type MediaKind = "image" | "video" | "audio" | "file";

/**
 * How a channel shows one kind of media: `formats` by file extension (any when absent), a caption up to
 * `caption` characters. Where a channel takes none, the renderer sends the caption as a text of its own.
 */
export interface MediaSupport {
  formats?: readonly string[];
  caption: number;
}

/**
 * WhatsApp Cloud API (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages and
 * …/reference/media#supported-media-types): reply buttons, list rows, the text above them, and the
 * media it shows (images as JPEG or PNG only, videos as MP4 or 3GPP). An audio takes no caption: its
 * caption follows it as a text.
 */
export const WHATSAPP = {
  text: 4096,
  buttonBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  listButton: 20,
  windowHours: 24,
  media: {
    image: { formats: ["jpg", "jpeg", "png"], caption: 1024 },
    video: { formats: ["mp4", "3gp"], caption: 1024 },
    audio: { formats: ["aac", "amr", "mp3", "m4a", "ogg", "opus"], caption: Number.POSITIVE_INFINITY },
    file: { caption: 1024 },
  },
} as const satisfies { media: Record<MediaKind, MediaSupport> } & Record<string, unknown>;

/**
 * Messenger Send API (developers.facebook.com/docs/messenger-platform/send-messages): a button
 * template for up to 3 choices, quick replies up to 13. An attachment carries no text: its caption goes
 * as a text message right after it, split like any text, so none is lost.
 */
export const MESSENGER = {
  text: 2000,
  buttonTemplateText: 640,
  buttons: 3,
  quickReplies: 13,
  title: 20,
  windowHours: 24,
  humanAgentHours: 7 * 24,
  media: {
    image: { formats: ["jpg", "jpeg", "png", "gif"], caption: Number.POSITIVE_INFINITY },
    video: { caption: Number.POSITIVE_INFINITY },
    audio: { caption: Number.POSITIVE_INFINITY },
    file: { caption: Number.POSITIVE_INFINITY },
  },
} as const satisfies { media: Record<MediaKind, MediaSupport> } & Record<string, unknown>;

/** SMS carries text only: a medium goes as its link, a caption before it. */
export const SMS = { media: {} as Partial<Record<MediaKind, MediaSupport>> } as const;

/** Every kind of media, with a caption of any length. */
const EVERY_MEDIUM: Record<MediaKind, MediaSupport> = {
  image: { caption: Number.POSITIVE_INFINITY },
  video: { caption: Number.POSITIVE_INFINITY },
  audio: { caption: Number.POSITIVE_INFINITY },
  file: { caption: Number.POSITIVE_INFINITY },
};

/** The media each channel shows as such; a kind missing here reaches the customer as a link. */
export const MEDIA_SUPPORT: Record<Channel, Partial<Record<MediaKind, MediaSupport>>> = {
  whatsapp: WHATSAPP.media,
  messenger: MESSENGER.media,
  sms: SMS.media,
  // The web chat shows images with their caption, and every other file as a link named by it.
  webchat: EVERY_MEDIUM,
  // The REST caller gets the media as data and shows them as it likes.
  rest: EVERY_MEDIUM,
};
