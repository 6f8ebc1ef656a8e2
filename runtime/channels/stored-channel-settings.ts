import { eq } from "drizzle-orm";
import {
  CHANNEL_FIELDS,
  type ChannelSettingsBody,
  type ChannelSettingsView,
  OPTIONAL_FIELDS,
  SETTINGS_CHANNELS,
  type SettingsChannel,
} from "../../schema/api/channel-settings.js";
import type { Problem } from "../../schema/index.js";
import { DomainError } from "../domain-error.js";
import type { Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { ChannelFields } from "../store/json-columns.js";
import { apiUrlOf, type ChannelSettings, channelSettingsFromEnv, parseTemplate } from "./channel-settings.js";
import { type SecretBox, WrongSecretKey } from "./secret-box.js";

type Env = Record<string, string | undefined>;

/** One channel as an admin saved it, its secrets opened; `problem` when they cannot be. */
export interface StoredChannel {
  enabled: boolean;
  flowId: string;
  settings: Record<string, string>;
  secrets: Record<string, string>;
  problem?: string;
}

export type StoredChannels = Partial<Record<SettingsChannel, StoredChannel>>;

/** What admins saved, read with the key; a row this key cannot open comes back with its problem and no secrets. */
export async function loadStoredChannels(store: Store, box: SecretBox): Promise<StoredChannels> {
  const { channelSettings } = store.tables;
  const rows = await store.read((db) => db.select().from(channelSettings));
  const stored: StoredChannels = {};
  for (const row of rows) {
    if (!isSettingsChannel(row.channel)) continue;
    const base = {
      enabled: row.enabled === 1,
      flowId: row.flowId,
      settings: readJson(ChannelFields, row.settings, {
        table: "channel_settings",
        column: "settings",
        id: row.channel,
      }),
    };
    try {
      stored[row.channel] = {
        ...base,
        secrets: readJson(ChannelFields, box.open(row.secrets, `${row.channel} credentials`), {
          table: "channel_settings",
          column: "secrets",
          id: row.channel,
        }),
      };
    } catch (error) {
      if (!(error instanceof WrongSecretKey)) throw error;
      stored[row.channel] = { ...base, secrets: {}, problem: error.message };
    }
  }
  return stored;
}

const isSettingsChannel = (channel: string): channel is SettingsChannel =>
  (SETTINGS_CHANNELS as readonly string[]).includes(channel);

/** The fields a channel needs that are missing, by name. */
function missingFields(channel: SettingsChannel, stored: StoredChannel): string[] {
  const { plain, secret } = CHANNEL_FIELDS[channel];
  return [
    ...plain.filter((name) => !OPTIONAL_FIELDS.includes(name) && !stored.settings[name]),
    ...secret.filter((name) => !stored.secrets[name]),
  ];
}

/**
 * The settings Relais runs with: for each channel, the admin's when they saved some (an admin's
 * "off" turns off even a channel the environment sets), else the environment's.
 */
export function effectiveChannelSettings(env: Env, stored: StoredChannels): ChannelSettings {
  const settings = channelSettingsFromEnv(env);
  for (const channel of SETTINGS_CHANNELS) {
    const saved = stored[channel];
    if (!saved) continue;
    delete settings[channel];
    if (!saved.enabled || saved.problem || missingFields(channel, saved).length > 0) continue;
    const values: Record<string, string> = { ...saved.settings, ...saved.secrets, flowId: saved.flowId };
    const apiUrl = apiUrlOf(env, channel);
    if (channel === "whatsapp") {
      const template = parseTemplate(values.template);
      settings.whatsapp = {
        appSecret: values.appSecret ?? "",
        verifyToken: values.verifyToken ?? "",
        token: values.token ?? "",
        phoneNumberId: values.phoneNumberId ?? "",
        flowId: saved.flowId,
        apiUrl,
        ...(template ? { template } : {}),
      };
    } else if (channel === "messenger") {
      settings.messenger = {
        appSecret: values.appSecret ?? "",
        verifyToken: values.verifyToken ?? "",
        pageToken: values.pageToken ?? "",
        flowId: saved.flowId,
        apiUrl,
      };
    } else {
      settings.sms = {
        accountSid: values.accountSid ?? "",
        authToken: values.authToken ?? "",
        publicUrl: values.publicUrl ?? "",
        from: values.from ?? "",
        flowId: saved.flowId,
        apiUrl,
      };
    }
  }
  return settings;
}

/**
 * Stores an admin's settings for a channel: secrets left out keep the stored ones (none are kept
 * from a row this key cannot open). Turning a channel on needs every field; refused with each
 * missing one named, and nothing is written.
 */
export async function saveChannelSettings(
  store: Store,
  box: SecretBox,
  channel: SettingsChannel,
  body: ChannelSettingsBody,
  by: string,
  now: number,
): Promise<void> {
  const previous = (await loadStoredChannels(store, box))[channel];
  const secrets: Record<string, string> = { ...(previous?.problem ? {} : previous?.secrets) };
  for (const [name, value] of Object.entries(body.secrets)) if (value) secrets[name] = value.trim();
  const settings = Object.fromEntries(
    Object.entries(body.settings)
      .map(([name, value]) => [name, (value ?? "").trim()])
      .filter(([, value]) => value !== ""),
  ) as Record<string, string>;
  const next: StoredChannel = { enabled: body.enabled, flowId: body.flowId, settings, secrets };
  const problems: Problem[] = [];
  if (body.enabled) {
    for (const name of missingFields(channel, next)) {
      const secret = (CHANNEL_FIELDS[channel].secret as readonly string[]).includes(name);
      problems.push(
        fieldProblem(secret ? "secrets" : "settings", name, `\`${name}\` is needed to turn ${channel} on.`),
      );
    }
  }
  if (settings.template) {
    try {
      parseTemplate(settings.template);
    } catch (error) {
      problems.push(fieldProblem("settings", "template", (error as Error).message));
    }
  }
  if (problems.length > 0) {
    throw new DomainError(
      "invalid",
      "CHANNEL_SETTINGS_INCOMPLETE",
      `The ${channel} settings cannot be saved: ${problems.map((problem) => problem.message).join(" ")}`,
      problems,
    );
  }
  const { channelSettings } = store.tables;
  const row = {
    channel,
    enabled: body.enabled ? 1 : 0,
    flowId: body.flowId,
    settings: JSON.stringify(settings),
    secrets: box.seal(JSON.stringify(secrets)),
    updatedBy: by,
    updatedAt: now,
  };
  await store.tx((db) =>
    db.insert(channelSettings).values(row).onConflictDoUpdate({ target: channelSettings.channel, set: row }),
  );
}

/** Forgets what admins saved for a channel: the environment's settings (if any) apply again. */
export async function clearChannelSettings(store: Store, channel: SettingsChannel): Promise<void> {
  const { channelSettings } = store.tables;
  await store.tx((db) => db.delete(channelSettings).where(eq(channelSettings.channel, channel)));
}

const fieldProblem = (group: "settings" | "secrets", name: string, message: string): Problem => ({
  code: "channel/field",
  params: { field: name },
  severity: "error",
  file: "body",
  pointer: `/${group}/${name}`,
  message,
});

/** What the admin page shows of each channel: never a secret, only whether it is stored. */
export function channelViews(
  env: Env,
  stored: StoredChannels,
  effective: ChannelSettings,
  publicUrl: string,
): ChannelSettingsView[] {
  const fromEnv = channelSettingsFromEnv(env);
  return SETTINGS_CHANNELS.map((channel) => {
    const saved = stored[channel];
    const { plain, secret } = CHANNEL_FIELDS[channel];
    const envValues = fromEnv[channel] as Record<string, unknown> | undefined;
    const source = saved ? "admin" : envValues ? "environment" : "none";
    const plainOf = (name: string): string | undefined => {
      if (saved) return saved.settings[name];
      const value = envValues?.[name];
      if (name === "template" && value && typeof value === "object") {
        const template = value as { name: string; language: string };
        return `${template.name}:${template.language}`;
      }
      return typeof value === "string" ? value : undefined;
    };
    return {
      channel,
      on: effective[channel] !== undefined,
      source,
      enabled: saved ? saved.enabled : envValues !== undefined,
      flowId: saved?.flowId ?? (typeof envValues?.flowId === "string" ? envValues.flowId : null),
      settings: Object.fromEntries(
        plain.flatMap((name) => {
          const value = plainOf(name);
          return value ? [[name, value]] : [];
        }),
      ),
      secrets: Object.fromEntries(
        secret.map((name) => [name, Boolean(saved ? saved.secrets[name] : envValues?.[name])]),
      ),
      webhookUrl: `${publicUrl.replace(/\/+$/, "")}/webhooks/${channel === "sms" ? "twilio" : channel}`,
      ...(saved?.problem ? { problem: saved.problem } : {}),
    };
  });
}
