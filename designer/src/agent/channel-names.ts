const CHANNEL_NAMES: Record<string, string> = {
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  sms: "SMS",
  webchat: "web chat",
  rest: "REST",
};

/** A channel as people call it. */
export const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;
