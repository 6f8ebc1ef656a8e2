import type {
  ApiToken,
  ChannelSettingsBody,
  ChannelSettingsView,
  EndedSessions,
  Invitation,
  InvitationBody,
  LoginLink,
  Member,
  MemberChange,
  NewUserBody,
  QueueSettings,
  SavedQueue,
  SettingsChannel,
  UserAnswer,
} from "../../../schema/api/index.js";
import { call } from "../api.js";

export type { ApiToken, Member, QueueSettings, Role, Weekday } from "../../../schema/api/index.js";
export { ROLES, WEEKDAYS } from "../../../schema/api/index.js";

/** The admin pages' calls, typed by the runtime's contract (schema/api/team.ts, auth.ts, queues.ts). */
export const adminApi = {
  members: () => call<Member[]>("GET", "/api/users"),
  invite: (body: InvitationBody) => call<Invitation>("POST", "/api/users/invitations", body),
  create: (body: NewUserBody) => call<UserAnswer>("POST", "/api/users", body),
  update: (id: string, body: MemberChange) => call<Member>("PUT", `/api/users/${encodeURIComponent(id)}`, body),
  remove: (id: string) => call<void>("DELETE", `/api/users/${encodeURIComponent(id)}`),
  endSessions: (id: string) => call<EndedSessions>("DELETE", `/api/users/${encodeURIComponent(id)}/sessions`),
  tokens: () => call<ApiToken[]>("GET", "/api/tokens"),
  revokeToken: (id: string) => call<void>("DELETE", `/api/tokens/${encodeURIComponent(id)}`),
  newLink: (id: string) => call<LoginLink>("POST", `/api/users/${encodeURIComponent(id)}/link`),
  queues: () => call<QueueSettings[]>("GET", "/api/queue-settings"),
  saveQueue: ({ id, ...settings }: QueueSettings) =>
    call<SavedQueue>("PUT", `/api/queues/${encodeURIComponent(id)}`, settings),
  createQueue: (queue: QueueSettings) => call<SavedQueue>("POST", "/api/queues", queue),
  deleteQueue: (id: string) => call<void>("DELETE", `/api/queues/${encodeURIComponent(id)}`),
  channels: () => call<ChannelSettingsView[]>("GET", "/api/channel-settings"),
  saveChannel: (channel: SettingsChannel, body: ChannelSettingsBody) =>
    call<ChannelSettingsView[]>("PUT", `/api/channel-settings/${channel}`, body),
  clearChannel: (channel: SettingsChannel) => call<ChannelSettingsView[]>("DELETE", `/api/channel-settings/${channel}`),
};
