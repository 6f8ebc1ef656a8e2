import { type Static, type TObject, type TOptional, type TString, Type } from "@sinclair/typebox";
import { SLUG_PATTERN } from "../common.js";

/*
 * The channel settings API's contract: what admins set for WhatsApp, Messenger and SMS (Twilio) in
 * the "Canaux" page, shared by the runtime (validation, OpenAPI) and the designer (types, fields).
 * Secrets go in and never come back: an answer only says whether each one is stored.
 */

export const SETTINGS_CHANNELS = ["whatsapp", "messenger", "sms"] as const;
export type SettingsChannel = (typeof SETTINGS_CHANNELS)[number];

/** Each channel's fields, in the order the form shows them: plain ones are sent back, secret ones never. */
export const CHANNEL_FIELDS = {
  whatsapp: { plain: ["phoneNumberId", "template"], secret: ["appSecret", "verifyToken", "token"] },
  messenger: { plain: [], secret: ["appSecret", "verifyToken", "pageToken"] },
  sms: { plain: ["accountSid", "from", "publicUrl"], secret: ["authToken"] },
} as const satisfies Record<SettingsChannel, { plain: readonly string[]; secret: readonly string[] }>;

/** Plain fields a channel works without (WhatsApp's template: without it nothing goes out past the 24 hours). */
export const OPTIONAL_FIELDS: readonly string[] = ["template"];

type PlainOf<C extends SettingsChannel> = (typeof CHANNEL_FIELDS)[C]["plain"][number];
type SecretOf<C extends SettingsChannel> = (typeof CHANNEL_FIELDS)[C]["secret"][number];

const FIELD_TEXT = Type.String({ minLength: 1, maxLength: 500 });

function fieldsObject<K extends string>(
  names: readonly K[],
  description: string,
): TObject<Record<K, TOptional<TString>>> {
  const properties = Object.fromEntries(names.map((name) => [name, Type.Optional(FIELD_TEXT)])) as Record<
    K,
    TOptional<TString>
  >;
  return Type.Object(properties, { additionalProperties: false, description });
}

/** What an admin saves for one channel: secrets left out keep the stored ones. */
function saveBody<C extends SettingsChannel>(channel: C) {
  const { plain, secret } = CHANNEL_FIELDS[channel];
  return Type.Object(
    {
      enabled: Type.Boolean({ description: "Off keeps the settings but answers the channel's webhook with 404." }),
      flowId: Type.String({
        pattern: SLUG_PATTERN,
        maxLength: 64,
        description: "The flow the channel's customers start.",
      }),
      settings: fieldsObject(plain as readonly PlainOf<C>[], "The plain fields; an absent one is cleared."),
      secrets: fieldsObject(
        secret as readonly SecretOf<C>[],
        "Secrets to replace; one left out keeps the stored value.",
      ),
    },
    { additionalProperties: false },
  );
}

export const ChannelSettingsBody = {
  whatsapp: saveBody("whatsapp"),
  messenger: saveBody("messenger"),
  sms: saveBody("sms"),
};
export type ChannelSettingsBody<C extends SettingsChannel = SettingsChannel> = Static<(typeof ChannelSettingsBody)[C]>;

const ChannelName = Type.Union([Type.Literal("whatsapp"), Type.Literal("messenger"), Type.Literal("sms")]);

export const ChannelSource = Type.Union([Type.Literal("admin"), Type.Literal("environment"), Type.Literal("none")], {
  description:
    "Where the channel's settings come from: the admin page (which wins), the environment variables, or nowhere.",
});

export const ChannelSettingsView = Type.Object(
  {
    channel: ChannelName,
    on: Type.Boolean({ description: "The webhook takes messages and replies go out." }),
    source: ChannelSource,
    enabled: Type.Boolean({ description: "What the admin chose; true when the settings come from the environment." }),
    flowId: Type.Union([Type.String(), Type.Null()]),
    settings: Type.Record(Type.String(), Type.String(), { description: "The plain fields as stored." }),
    secrets: Type.Record(Type.String(), Type.Boolean(), {
      description: "Whether each secret is stored; never its value.",
    }),
    webhookUrl: Type.String({ description: "The address to paste at the provider." }),
    problem: Type.Optional(
      Type.String({ description: "Why stored settings cannot be used (they cannot be decrypted with this key)." }),
    ),
  },
  { additionalProperties: false },
);
export type ChannelSettingsView = Static<typeof ChannelSettingsView>;

export const ChannelSettingsList = Type.Array(ChannelSettingsView);

export const ChannelParams = Type.Object({ channel: ChannelName });
