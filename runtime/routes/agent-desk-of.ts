import type { FastifyInstance } from "fastify";
import { AgentDesk } from "../queue/agent-desk.js";

/** The agent desk over this runtime's store, outbox and live updates, for the routes agents call. */
export function agentDeskOf(app: FastifyInstance): AgentDesk {
  return new AgentDesk({
    store: app.store,
    config: app.config,
    metrics: app.metrics,
    live: app.live,
    published: app.published,
    outbox: app.outbox,
    http: app.httpClient,
    steps: app.steps,
    inTurn: (conversation, work) => app.processor.inTurn(conversation, work),
  });
}
