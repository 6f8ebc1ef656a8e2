export interface ChannelWindow {
  open: boolean;
  /** When the window closes (or closed): the last customer message plus the window. */
  closesAt: number;
  remainingMs: number;
}

/**
 * WhatsApp (and Messenger) accept free text from a business only within `hours` of the customer's
 * last message; after that only pre-approved templates go through. Undefined when the channel has
 * no such window or the customer never wrote.
 */
export function channelWindow(
  lastCustomerAt: number | undefined,
  now: number,
  hours: number | undefined,
): ChannelWindow | undefined {
  if (hours === undefined || lastCustomerAt === undefined) return undefined;
  const closesAt = lastCustomerAt + hours * 3600_000;
  const remainingMs = closesAt - now;
  return { open: remainingMs > 0, closesAt, remainingMs: Math.max(0, remainingMs) };
}

/** The time of the customer's last message in a transcript. */
export function lastCustomerMessageAt(transcript: readonly { role: string; at: string }[]): number | undefined {
  for (let i = transcript.length - 1; i >= 0; i--) {
    const message = transcript[i];
    if (message?.role === "customer") return Date.parse(message.at);
  }
  return undefined;
}
