import type { CustomerHistory, SearchQuery, SearchResults } from "../../../schema/api/index.js";
import { call } from "../api.js";

/** Finding conversations again (runtime/routes/search.ts). */
export const searchApi = {
  search: (query: SearchQuery) => {
    const params = new URLSearchParams(
      Object.entries(query).flatMap(([key, value]) =>
        value === undefined || value === "" ? [] : [[key, String(value)]],
      ),
    );
    return call<SearchResults>("GET", `/api/search?${params}`);
  },
  customerHistory: (conversationId: string) =>
    call<CustomerHistory>("GET", `/api/conversations/${encodeURIComponent(conversationId)}/customer-history`),
};
