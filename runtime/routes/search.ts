import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  ConversationIdParams,
  CustomerHistory,
  errorResponses,
  SearchQuery,
  SearchResults,
} from "../../schema/api/index.js";
import { requireRole, signedIn } from "../plugins/auth.js";
import { scopeOf } from "../queue/agent-desk.js";
import { ConversationSearch } from "../queue/conversation-search.js";
import { SearchIndexer } from "../queue/search-index.js";
import { describeFailure } from "../store/failure.js";

/** The index also catches up this often, so that a search has little left to add before it answers. */
const CATCH_UP_MS = 5_000;

/** Finding any conversation again, open or closed, and a customer's whole history across channels. */
const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const indexer = new SearchIndexer(app.store);
  const search = new ConversationSearch(app.store, indexer);
  let timer: NodeJS.Timeout | undefined;
  const catchUp = () =>
    indexer.catchUpSoon().catch((error: unknown) => {
      if (!app.storageFull(error, "search index catch-up") && !app.dbHealth.failed(error))
        app.log.error({ failure: describeFailure(error) }, "search index catch-up failed");
    });
  app.addHook("onReady", async () => {
    void catchUp();
    timer = setInterval(() => void catchUp(), CATCH_UP_MS);
  });
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await indexer.stop();
  });
  const agent = requireRole("agent");
  const tags = ["agent"];

  app.get(
    "/api/search",
    {
      schema: {
        tags,
        description:
          "Conversations, open and closed, by words (customer name, e-mail, phone, order number, anything written) and by status, queue, agent, channel and start day; the newest first.",
        querystring: SearchQuery,
        response: { 200: SearchResults, ...errorResponses(400, 401, 403) },
      },
      onRequest: agent,
    },
    async (request) => search.search(await scopeOf(app.store, signedIn(request)), request.query),
  );

  app.get(
    "/api/conversations/:id/customer-history",
    {
      schema: {
        tags,
        description:
          "Every conversation of this conversation's customer (same e-mail, same phone, or same address on the channel), on every channel, with what the bot collected in each.",
        params: ConversationIdParams,
        response: { 200: CustomerHistory, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: agent,
    },
    async (request) => search.customerHistory(await scopeOf(app.store, signedIn(request)), request.params.id),
  );
};
export default searchRoutes;
