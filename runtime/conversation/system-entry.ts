import type { TranscriptEvent } from "../../schema/api/handoff.js";
import type { MessageRow } from "../store/records.js";

/**
 * A transcript row for what happened besides messages: the event and its facts in `payload`, no
 * sentence, so that each console words it in its reader's language.
 */
export function systemEntry(
  conversationId: string,
  event: TranscriptEvent,
  at: number,
): Omit<MessageRow, "id" | "author"> {
  return { conversationId, role: "system", text: "", payload: JSON.stringify(event), replyTo: null, at };
}
