import type { TranscriptEvent } from "../../../schema/api/index.js";
import { describeReason } from "./reason-words.js";
import { language, w } from "./words.js";

/** A transcript event in the agent's language: who transferred or closed, to which queue, and why. */
export function describeEvent(entry: TranscriptEvent, variables: Record<string, unknown>): string {
  switch (entry.event) {
    case "handedOff": {
      const { queue, reason } = entry.params;
      return w("event.handedOff", { queue, reason: describeReason(reason, variables, language) });
    }
    case "transferred":
      return w("event.transferred", entry.params);
    case "closed":
      return w("event.closed", entry.params);
    default: {
      const unknown: never = entry;
      return String(unknown);
    }
  }
}
