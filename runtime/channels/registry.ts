import type { Store } from "../store/db.js";
import type { ChannelAdapter, ProviderChannel } from "./adapter.js";
import type { ChannelSettings, MessengerSettings, TwilioSettings, WhatsAppSettings } from "./channel-settings.js";
import { messengerAdapter } from "./messenger/adapter.js";
import type { Sender } from "./outbox.js";
import type { ProviderHttp } from "./provider-http.js";
import { providerSender } from "./provider-sender.js";
import { twilioAdapter } from "./sms/adapter.js";
import { whatsappAdapter } from "./whatsapp/adapter.js";

type SettingsOf = { whatsapp: WhatsAppSettings; messenger: MessengerSettings; sms: TwilioSettings };

export interface ActiveChannel<C extends ProviderChannel> {
  settings: SettingsOf[C];
  adapter: ChannelAdapter<unknown>;
}

/**
 * The provider channels that are on, with their settings and adapters. Settings can change while
 * Relais runs (an admin saves new credentials): webhooks and senders look them up at each use.
 */
export class ChannelRegistry {
  private settings: ChannelSettings = {};
  private adapters = new Map<ProviderChannel, ChannelAdapter<unknown>>();

  constructor(
    private readonly http: ProviderHttp,
    settings: ChannelSettings,
  ) {
    this.update(settings);
  }

  update(settings: ChannelSettings): void {
    this.settings = settings;
    this.adapters.clear();
    if (settings.whatsapp) this.adapters.set("whatsapp", whatsappAdapter(settings.whatsapp, this.http));
    if (settings.messenger) this.adapters.set("messenger", messengerAdapter(settings.messenger, this.http));
    if (settings.sms) this.adapters.set("sms", twilioAdapter(settings.sms, this.http));
  }

  /** The settings in use now, for the admin page to say which channels are on. */
  settingsNow(): ChannelSettings {
    return this.settings;
  }

  /** The flow each channel that is on starts, for the linter to check the limits of those channels only. */
  starts(): Partial<Record<ProviderChannel, string>> {
    return Object.fromEntries(
      PROVIDER_CHANNELS.flatMap((channel) => {
        const flowId = this.settings[channel]?.flowId;
        return flowId ? [[channel, flowId]] : [];
      }),
    );
  }

  get<C extends ProviderChannel>(channel: C): ActiveChannel<C> | undefined {
    const settings = this.settings[channel] as SettingsOf[C] | undefined;
    const adapter = this.adapters.get(channel);
    return settings && adapter ? { settings, adapter } : undefined;
  }

  /** The outbox's sender for a channel: a channel turned off meanwhile keeps its messages for later. */
  sender(channel: ProviderChannel, store: Store, now?: () => number): Sender {
    return async (message) => {
      const active = this.get(channel);
      if (!active) return { failed: `The ${channel} channel is off (its credentials are not set).` };
      return providerSender(active.adapter, store, now)(message);
    };
  }
}

export const PROVIDER_CHANNELS: readonly ProviderChannel[] = ["whatsapp", "messenger", "sms"];
