import type { CustomerIdentity } from "../../schema/api/index.js";

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;

/**
 * Reads the usual places flows keep a customer (`customer.firstName`/`lastName`, `customer.name`,
 * `customer.email`, `customer.phone`, then `contact.*`). The address is the channel's own (a phone
 * number, a page-scoped id, a web chat session).
 */
export function customerIdentity(variables: Record<string, unknown>, address: string): CustomerIdentity {
  const customer = (variables.customer ?? {}) as Record<string, unknown>;
  const contact = (variables.contact ?? {}) as Record<string, unknown>;
  const full = [text(customer.firstName), text(customer.lastName)].filter(Boolean).join(" ");
  return {
    name: full || text(customer.name) || text(contact.name),
    email: text(customer.email) ?? text(contact.email),
    phone: text(customer.phone) ?? text(contact.phone),
    address,
  };
}
