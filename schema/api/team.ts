import { type Static, Type } from "@sinclair/typebox";
import { SLUG_PATTERN } from "../common.js";
import { Role } from "./auth.js";

/* The team, for admins (`/api/users…`): who works here, with which role and on which queues. */

const QueueIds = Type.Array(Type.String({ pattern: SLUG_PATTERN, maxLength: 64 }), {
  maxItems: 100,
  description: "Queue ids the person works; empty means every queue.",
});

/** A member of the team as admins see them: who, which role, which queues they work. */
export const Member = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  queues: Type.Array(Type.String(), { description: "Queue ids this person works; empty means every queue." }),
  hasPassword: Type.Boolean({ description: "False until the person has set a password (invited, not yet arrived)." }),
  disabled: Type.Boolean({ description: "True while an admin has closed the account." }),
  createdAt: Type.String({ format: "date-time" }),
});
export type Member = Static<typeof Member>;

export const UserParams = Type.Object({ id: Type.String({ format: "uuid" }) });
export type UserParams = Static<typeof UserParams>;

export const MyQueues = Type.Object({
  queues: Type.Array(Type.String(), { description: "The queues you work; empty means every queue." }),
});
export type MyQueues = Static<typeof MyQueues>;

export const InvitationBody = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320, pattern: "^[^@\\s]+@[^@\\s]+$" }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  role: Role,
  queues: Type.Optional(QueueIds),
});
export type InvitationBody = Static<typeof InvitationBody>;

export const Invitation = Type.Object({
  user: Member,
  link: Type.String({ description: "A one-time login link (valid 24 h) to send them." }),
});
export type Invitation = Static<typeof Invitation>;

export const MemberChange = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    role: Type.Optional(Role),
    queues: Type.Optional(QueueIds),
    disabled: Type.Optional(
      Type.Boolean({
        description: "True closes the account: its sessions and API tokens stop at once; false opens it again.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type MemberChange = Static<typeof MemberChange>;

export const EndedSessions = Type.Object({ ended: Type.Integer({ minimum: 0 }) });
export type EndedSessions = Static<typeof EndedSessions>;

export const LoginLink = Type.Object({ link: Type.String() });
export type LoginLink = Static<typeof LoginLink>;
