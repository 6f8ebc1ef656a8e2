import type { Flow, Layout } from "../../../schema/index.js";

/** A small flow with every kind of transition the canvas draws: next, choices, max attempts, success/error. */
export const sampleFlow = (): Flow => ({
  schemaVersion: 1,
  id: "sample",
  name: "Sample",
  languages: ["fr", "en"],
  nodes: [
    { id: "start", type: "start", next: "ask-topic" },
    {
      id: "ask-topic",
      type: "question",
      text: { fr: "Sujet ?", en: "Topic?" },
      input: {
        kind: "choice",
        choices: [
          { id: "order", label: "Commande", next: "lookup" },
          { id: "other", label: "Autre" },
        ],
      },
      saveAs: "topic",
      maxAttempts: 2,
      next: "done",
      onMaxAttempts: "agent",
    },
    { id: "lookup", type: "http", method: "GET", url: "https://crm.example/orders", next: "done", onError: "agent" },
    { id: "agent", type: "handoff", queue: "support" },
    { id: "done", type: "end", text: "Merci" },
  ],
});

export const sampleLayout = (): Layout => ({
  flow: "sample",
  nodes: {
    start: { x: 0, y: 0 },
    "ask-topic": { x: 300, y: 0 },
    lookup: { x: 600, y: 0 },
    agent: { x: 600, y: 300 },
    done: { x: 900, y: 0 },
  },
  notes: [{ id: "note", text: "À revoir", x: 10, y: 400 }],
});
