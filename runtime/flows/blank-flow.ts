import type { Flow } from "../../schema/index.js";

/** The queue the engine hands a conversation to when nothing names one; a blank flow's rules go there too. */
const DEFAULT_QUEUE = "support";

/** The shipped flows' words for the handoff, in each language the designer speaks. */
const HANDOFF_TEXT = {
  en: "I'm connecting you with an agent, who will see everything you told me.",
  fr: "Je vous mets en relation avec un conseiller, il aura tout ce que vous m'avez dit.",
};

/**
 * A flow made from scratch: a start, an end, and the escalation every shipped flow has, so that its very
 * first customer can reach a person: whoever asks for one gets one ("je veux parler à un conseiller"), and so
 * does a customer whose answers are not understood three times in a row. Both go to the default queue, or
 * to the first queue the runtime has when an admin removed that one (a queue it lacks is a lint error).
 */
export function blankFlow(id: string, name: string, queues: readonly string[]): Flow {
  const queue = queues.includes(DEFAULT_QUEUE) ? DEFAULT_QUEUE : (queues[0] ?? DEFAULT_QUEUE);
  return {
    $schema: "../schema/flow.schema.json",
    schemaVersion: 1,
    id,
    name,
    languages: ["fr"],
    escalation: {
      defaultQueue: queue,
      text: HANDOFF_TEXT,
      rules: [
        { id: "asks-for-person", queue, priority: "normal", kind: "humanRequest" },
        { id: "not-understood", queue, priority: "normal", kind: "failedInputs", threshold: 3 },
      ],
    },
    nodes: [
      { id: "start", type: "start", next: "end" },
      { id: "end", type: "end" },
    ],
  };
}
