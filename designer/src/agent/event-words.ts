import { DISPOSITIONS, isDisposition, type TranscriptEvent } from "../../../schema/api/index.js";
import { say } from "../i18n.js";
import { describeReason } from "./reason-words.js";
import { language, w } from "./words.js";

/** A disposition code in the reader's language; one stored before codes existed shows as it was written. */
export const dispositionWords = (code: string): string => (isDisposition(code) ? say(DISPOSITIONS[code]) : code);

/**
 * A transcript event in the agent's language: who transferred, closed, gave back or moved it, and why;
 * queues by their names (`queueName`), as events keep their ids.
 */
export function describeEvent(
  entry: TranscriptEvent,
  variables: Record<string, unknown>,
  queueName: (id: string) => string,
): string {
  switch (entry.event) {
    case "handedOff": {
      const { queue, reason } = entry.params;
      return w("event.handedOff", { queue: queueName(queue), reason: describeReason(reason, variables, language) });
    }
    case "transferred":
      return w("event.transferred", { ...entry.params, queue: queueName(entry.params.queue) });
    case "closed":
      return w("event.closed", { ...entry.params, disposition: dispositionWords(entry.params.disposition) });
    case "gaveBack":
      return w("event.gaveBack", { agent: entry.params.agent, node: entry.params.nodeId });
    case "takenOver": {
      const { by, from } = entry.params;
      return from ? w("event.takenOverFrom", { by, from }) : w("event.takenOver", { by });
    }
    case "reassigned": {
      const { by, from, to } = entry.params;
      return from ? w("event.reassignedFrom", { by, from, to }) : w("event.reassigned", { by, to });
    }
    case "requeued": {
      const { by, from, queue } = entry.params;
      const name = queueName(queue);
      return from ? w("event.requeuedFrom", { by, from, queue: name }) : w("event.requeued", { by, queue: name });
    }
    default: {
      const unknown: never = entry;
      return String(unknown);
    }
  }
}
