import type { CustomerIdentity } from "../../../schema/api/index.js";
import { w } from "./words.js";

/**
 * Who a customer is to an agent: their name, else their e-mail or phone, else where they write from. A web
 * chat visitor writes from a session id, which means nothing to a person: they are a visitor, with the id's
 * first characters to tell two apart.
 */
export function customerName(customer: CustomerIdentity, channel: string | undefined): string {
  const known = customer.name ?? customer.email ?? customer.phone;
  if (known) return known;
  return channel === "webchat" ? w("webVisitor", { id: customer.address.slice(0, 8) }) : customer.address;
}
