/** The agent's two boxes: a reply to the customer, or an internal note. */
export type ReplyMode = "reply" | "note";

/**
 * What an agent has typed and not sent yet, per conversation and per box (reply or internal note), kept
 * in localStorage: a reload, a crash of the tab or a look at another conversation loses none of it.
 */
const key = (conversationId: string, mode: ReplyMode) => `relais.reply.${conversationId}.${mode}`;

export function keptReply(conversationId: string, mode: ReplyMode): string {
  try {
    return localStorage.getItem(key(conversationId, mode)) ?? "";
  } catch {
    return "";
  }
}

export function keepReply(conversationId: string, mode: ReplyMode, text: string): void {
  try {
    if (text.trim()) localStorage.setItem(key(conversationId, mode), text);
    else localStorage.removeItem(key(conversationId, mode));
  } catch {
    // A full or disabled storage only loses the safety net, not the text on screen.
  }
}
