const HOUR = 3_600_000;

/**
 * Meta's customer-service window: free-form messages only within 24 hours of the customer's last
 * message. Messenger lets a person (not the bot) answer for 7 days with the HUMAN_AGENT tag.
 */
export type WindowState = "open" | "human-agent" | "closed";

export function windowState(
  lastCustomerAt: number | undefined,
  now: number,
  rules: { hours: number; humanAgentHours?: number; fromAgent: boolean },
): WindowState {
  if (lastCustomerAt === undefined) return "closed";
  const elapsed = now - lastCustomerAt;
  if (elapsed < rules.hours * HOUR) return "open";
  if (rules.fromAgent && rules.humanAgentHours !== undefined && elapsed < rules.humanAgentHours * HOUR)
    return "human-agent";
  return "closed";
}
