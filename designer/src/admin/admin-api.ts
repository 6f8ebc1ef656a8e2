import type {
  ChannelSettingsBody,
  ChannelSettingsView,
  QueueNoticeTexts,
  SettingsChannel,
} from "../../../schema/api/index.js";
import { call, type User } from "../api.js";

export type Role = User["role"];
export const ROLES: Role[] = ["agent", "supervisor", "editor", "admin"];
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  queues: string[];
  hasPassword: boolean;
  disabled: boolean;
  createdAt: string;
}

/** An API token as the runtime lists it, never its secret. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
}

/** A queue as admins define it (`runtime/queue/queues.ts`). */
export interface QueueSettings {
  id: string;
  name: string;
  level: number;
  timezone: string;
  hours: Partial<Record<Weekday, [string, string][]>>;
  holidays: string[];
  slaMinutes: number;
  outOfHoursText: Record<string, string>;
  /** The queue's own words for what customers are told; an empty text is the default. */
  noticeTexts?: QueueNoticeTexts;
}

export const adminApi = {
  members: () => call<Member[]>("GET", "/api/users"),
  invite: (body: { email: string; name: string; role: Role; queues: string[] }) =>
    call<{ user: Member; link: string }>("POST", "/api/users/invitations", body),
  create: (body: { email: string; name: string; role: Role; password: string }) =>
    call<{ user: User }>("POST", "/api/users", body),
  update: (id: string, body: { name?: string; role?: Role; queues?: string[]; disabled?: boolean }) =>
    call<Member>("PUT", `/api/users/${encodeURIComponent(id)}`, body),
  remove: (id: string) => call<void>("DELETE", `/api/users/${encodeURIComponent(id)}`),
  endSessions: (id: string) => call<{ ended: number }>("DELETE", `/api/users/${encodeURIComponent(id)}/sessions`),
  tokens: () => call<ApiToken[]>("GET", "/api/tokens"),
  revokeToken: (id: string) => call<void>("DELETE", `/api/tokens/${encodeURIComponent(id)}`),
  newLink: (id: string) => call<{ link: string }>("POST", `/api/users/${encodeURIComponent(id)}/link`),
  queues: () => call<QueueSettings[]>("GET", "/api/queue-settings"),
  saveQueue: ({ id, ...settings }: QueueSettings) =>
    call<{ id: string }>("PUT", `/api/queues/${encodeURIComponent(id)}`, settings),
  deleteQueue: (id: string) => call<void>("DELETE", `/api/queues/${encodeURIComponent(id)}`),
  channels: () => call<ChannelSettingsView[]>("GET", "/api/channel-settings"),
  saveChannel: (channel: SettingsChannel, body: ChannelSettingsBody) =>
    call<ChannelSettingsView[]>("PUT", `/api/channel-settings/${channel}`, body),
  clearChannel: (channel: SettingsChannel) => call<ChannelSettingsView[]>("DELETE", `/api/channel-settings/${channel}`),
};
