import type { ChannelSettingsBody, ChannelSettingsView, SettingsChannel } from "../../schema/api/index.js";
import type { Store } from "../store/db.js";
import type { ChannelRegistry } from "./registry.js";
import type { SecretBox } from "./secret-box.js";
import {
  channelViews,
  clearChannelSettings,
  effectiveChannelSettings,
  loadStoredChannels,
  type StoredChannels,
  saveChannelSettings,
} from "./stored-channel-settings.js";

/** The bus topic that tells every process to read the channel settings again. */
const TOPIC = "channel-settings";

/**
 * The channels' settings as admins change them: each save or removal is stored, then every
 * process (this one at once, the others through the bus) reads them again and turns channels on or
 * off without a restart.
 */
export class ChannelConfig {
  private stored: StoredChannels = {};
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly registry: ChannelRegistry,
    private readonly env: Record<string, string | undefined>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.unsubscribe = store.bus.subscribe(TOPIC, () => void this.reload().catch(onError));
  }

  /** Reads the stored settings and applies them; a row this key cannot open turns its channel off and is reported. */
  async reload(): Promise<void> {
    this.stored = await loadStoredChannels(this.store, this.box);
    for (const [channel, saved] of Object.entries(this.stored)) {
      if (saved.problem) this.onError(new Error(`The ${channel} channel is off: ${saved.problem}`));
    }
    this.registry.update(effectiveChannelSettings(this.env, this.stored));
  }

  views(publicUrl: string): ChannelSettingsView[] {
    return channelViews(this.env, this.stored, this.registry.settingsNow(), publicUrl);
  }

  async save(channel: SettingsChannel, body: ChannelSettingsBody, by: string): Promise<void> {
    await saveChannelSettings(this.store, this.box, channel, body, by, Date.now());
    await this.changed();
  }

  async clear(channel: SettingsChannel): Promise<void> {
    await clearChannelSettings(this.store, channel);
    await this.changed();
  }

  close(): void {
    this.unsubscribe();
  }

  private async changed(): Promise<void> {
    await this.reload();
    this.store.bus.publish(TOPIC, {});
  }
}
