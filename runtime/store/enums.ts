import type { Role } from "../../schema/api/auth.js";
import type { ConversationStatus } from "../../schema/api/channels.js";
import type { Priority } from "../../schema/common.js";

/*
 * The closed sets of values some text columns hold: the tables type those columns with them
 * (`text(…, { enum })`), and the code's own types derive from them. A set the contract already
 * declares is listed again here as a tuple (drizzle needs one), and `Exactly` fails to compile if
 * the two ever differ.
 */

type Exactly<List extends readonly string[], Union extends string> = [Union] extends [List[number]]
  ? List
  : ["missing from the list", Exclude<Union, List[number]>];

const exactly =
  <Union extends string>() =>
  <const List extends readonly Union[]>(list: Exactly<List, Union>) =>
    list;

/** `conversations.status`: the contract's `ConversationStatus`. */
export const CONVERSATION_STATUSES = exactly<ConversationStatus>()(["bot", "queued", "agent", "closed"]);

/** `handoffs.priority`: the contract's `Priority`, from the least to the most urgent. */
export const PRIORITIES = exactly<Priority>()(["low", "normal", "high", "urgent"]);

/** `messages.role`: who wrote the line; `note` is an agent's note the customer never sees, `system` an event. */
export const MESSAGE_ROLES = ["customer", "bot", "agent", "note", "system"] as const;

/** `users.role`: the contract's `Role`, from the least to the most rights. */
export const USER_ROLES = exactly<Role>()(["agent", "supervisor", "editor", "admin"]);

/** `credentials.kind`: a browser session, a first-start login link, or an API token. */
export const CREDENTIAL_KINDS = ["session", "link", "token"] as const;

/** `deliveries.status`: what the provider last said of its message; it only moves forward. */
export const DELIVERY_STATUSES = ["sent", "delivered", "read", "failed"] as const;

/** `analytics_conversations.outcome`. */
export const OUTCOMES = ["open", "contained", "handover"] as const;

/** `analytics_counts.kind`. */
export const COUNT_KINDS = ["reach", "edge", "answers", "misses"] as const;
