import { call, type User } from "../api.js";

export type Role = User["role"];
export const ROLES: Role[] = ["agent", "editor", "admin"];
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  queues: string[];
  hasPassword: boolean;
  createdAt: string;
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
}

export const adminApi = {
  members: () => call<Member[]>("GET", "/api/users"),
  invite: (body: { email: string; name: string; role: Role; queues: string[] }) =>
    call<{ user: Member; link: string }>("POST", "/api/users/invitations", body),
  create: (body: { email: string; name: string; role: Role; password: string }) =>
    call<{ user: User }>("POST", "/api/users", body),
  update: (id: string, body: { name?: string; role?: Role; queues?: string[] }) =>
    call<Member>("PUT", `/api/users/${encodeURIComponent(id)}`, body),
  newLink: (id: string) => call<{ link: string }>("POST", `/api/users/${encodeURIComponent(id)}/link`),
  queues: () => call<QueueSettings[]>("GET", "/api/queue-settings"),
  saveQueue: ({ id, ...settings }: QueueSettings) =>
    call<{ id: string }>("PUT", `/api/queues/${encodeURIComponent(id)}`, settings),
  deleteQueue: (id: string) => call<void>("DELETE", `/api/queues/${encodeURIComponent(id)}`),
};
