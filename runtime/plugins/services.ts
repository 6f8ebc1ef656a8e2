import type { User } from "../../schema/api/index.js";
import type { Users } from "../auth/users.js";
import type { Outbox } from "../channels/outbox.js";
import type { Config } from "../config.js";
import type { LiveEvents } from "../conversation/live-events.js";
import type { StepWriter } from "../conversation/step-writer.js";
import type { Drafts } from "../flows/drafts.js";
import type { PublishedFlows } from "../flows/published.js";
import type { HttpClient } from "../http-client/http-client.js";
import type { Store } from "../store/db.js";
import type { Processor } from "../worker/processor.js";
import type { Metrics } from "./metrics.js";

declare module "fastify" {
  interface FastifyInstance {
    config: Config;
    store: Store;
    metrics: Metrics;
    users: Users;
    drafts: Drafts;
    published: PublishedFlows;
    httpClient: HttpClient;
    live: LiveEvents;
    outbox: Outbox;
    processor: Processor;
    steps: StepWriter;
  }
  interface FastifyRequest {
    user: User | undefined;
  }
}
