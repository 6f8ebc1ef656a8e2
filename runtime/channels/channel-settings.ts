/** WhatsApp Cloud API: the app's secret and verify token, the business number's id and its token. */
export interface WhatsAppSettings {
  appSecret: string;
  verifyToken: string;
  token: string;
  phoneNumberId: string;
  flowId: string;
  apiUrl: string;
  /** The approved template sent outside the 24-hour window (`name:language`, e.g. `reprise:fr`). */
  template?: { name: string; language: string };
}

export interface MessengerSettings {
  appSecret: string;
  verifyToken: string;
  pageToken: string;
  flowId: string;
  apiUrl: string;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** The webhook's address exactly as configured at Twilio: the signature covers it. */
  publicUrl: string;
  /** The Twilio number (or messaging service SID) replies go from. */
  from: string;
  flowId: string;
  apiUrl: string;
}

export interface ChannelSettings {
  whatsapp?: WhatsAppSettings;
  messenger?: MessengerSettings;
  sms?: TwilioSettings;
}

type Env = Record<string, string | undefined>;

/** Every named variable, or undefined when one is unset or empty: a channel half configured is off. */
function all<K extends string>(env: Env, names: Record<K, string>): Record<K, string> | undefined {
  const values = {} as Record<K, string>;
  for (const [key, name] of Object.entries(names) as [K, string][]) {
    const value = env[name]?.trim();
    if (!value) return undefined;
    values[key] = value;
  }
  return values;
}

/** The channels the environment turns on; the admin's stored settings are laid over these. */
export function channelSettingsFromEnv(env: Env): ChannelSettings {
  const settings: ChannelSettings = {};
  const whatsapp = all(env, {
    appSecret: "WHATSAPP_APP_SECRET",
    verifyToken: "WHATSAPP_VERIFY_TOKEN",
    token: "WHATSAPP_TOKEN",
    phoneNumberId: "WHATSAPP_PHONE_NUMBER_ID",
    flowId: "WHATSAPP_FLOW",
  });
  if (whatsapp) {
    const template = parseTemplate(env.WHATSAPP_TEMPLATE);
    settings.whatsapp = {
      ...whatsapp,
      apiUrl: apiUrlOf(env, "whatsapp"),
      ...(template ? { template } : {}),
    };
  }
  const messenger = all(env, {
    appSecret: "MESSENGER_APP_SECRET",
    verifyToken: "MESSENGER_VERIFY_TOKEN",
    pageToken: "MESSENGER_PAGE_TOKEN",
    flowId: "MESSENGER_FLOW",
  });
  if (messenger)
    settings.messenger = {
      ...messenger,
      apiUrl: apiUrlOf(env, "messenger"),
    };
  const sms = all(env, {
    accountSid: "TWILIO_ACCOUNT_SID",
    authToken: "TWILIO_AUTH_TOKEN",
    publicUrl: "TWILIO_PUBLIC_URL",
    from: "TWILIO_FROM",
    flowId: "TWILIO_FLOW",
  });
  if (sms) settings.sms = { ...sms, apiUrl: apiUrlOf(env, "sms") };
  return settings;
}

const API_URLS = {
  whatsapp: ["WHATSAPP_API_URL", "https://graph.facebook.com/v21.0"],
  messenger: ["MESSENGER_API_URL", "https://graph.facebook.com/v21.0"],
  sms: ["TWILIO_API_URL", "https://api.twilio.com"],
} as const;

/** The provider's API base URL: set by the environment only (tests point it at a local fake provider). */
export function apiUrlOf(env: Env, channel: keyof ChannelSettings): string {
  const [name, fallback] = API_URLS[channel];
  return (env[name] || fallback).replace(/\/+$/, "");
}

/** `name:language`; a value without a language is refused at start rather than at the first send. */
export function parseTemplate(raw: string | undefined): { name: string; language: string } | undefined {
  if (!raw?.trim()) return undefined;
  const [name, language] = raw.trim().split(":");
  if (!name || !language) {
    throw new Error(
      `WHATSAPP_TEMPLATE must be the template's name and language, like \`reprise_conversation:fr\`, not ${JSON.stringify(raw)}.`,
    );
  }
  return { name, language };
}
