/*
 * The closed sets of values some text columns hold, declared once (here, or in the contract when
 * it has them): the tables type those columns with them (`text(…, { enum })`), and the code's own
 * types derive from them.
 */

/** `conversations.status`, `handoffs.priority`: the contract's. */
export { CONVERSATION_STATUSES } from "../../schema/api/conversation-state.js";
export { PRIORITIES } from "../../schema/common.js";

/** `messages.role`: who wrote the line; `note` is an agent's note the customer never sees, `system` an event. */
export const MESSAGE_ROLES = ["customer", "bot", "agent", "note", "system"] as const;

/** `users.role`, from the least to the most rights. */
export const ROLES = ["agent", "supervisor", "editor", "admin"] as const;

/** `credentials.kind`: a browser session, a first-start login link, or an API token. */
export const CREDENTIAL_KINDS = ["session", "link", "token"] as const;

/** `deliveries.status`: what the provider last said of its message; it only moves forward. */
export const DELIVERY_STATUSES = ["sent", "delivered", "read", "failed"] as const;

/** `analytics_conversations.outcome`. */
export const OUTCOMES = ["open", "contained", "handover"] as const;

/** `analytics_counts.kind`. */
export const COUNT_KINDS = ["reach", "edge", "answers", "misses"] as const;
