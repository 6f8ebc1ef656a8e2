import { and, desc, eq, gte, inArray, lte, or, type SQL } from "drizzle-orm";
import { ConversationState } from "../../schema/api/index.js";
import type { CustomerHistory, SearchHit, SearchQuery, SearchResults } from "../../schema/api/search.js";
import { DomainError } from "../domain-error.js";
import type { Db, Store } from "../store/db.js";
import { fullTextMatch } from "../store/full-text.js";
import { readJson } from "../store/json-column.js";
import type { Scope } from "./agent-desk.js";
import { summarize } from "./conversation-list.js";
import type { SearchIndexer } from "./search-index.js";
import { searchTerms } from "./search-terms.js";

const DAY_MS = 86_400_000;

/** Finds conversations, open and closed, by words and filters, within what the person may see. */
export class ConversationSearch {
  constructor(
    private readonly store: Store,
    private readonly indexer: SearchIndexer,
  ) {}

  /** A person waits on these reads, as on the catch-up before them: ahead of the messages' turns. */
  private read<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.store.read(work, { ahead: true });
  }

  async search(scope: Scope, query: SearchQuery): Promise<SearchResults> {
    await this.indexer.catchUp();
    const { conversationSearch: doc } = this.store.tables;
    const limit = query.limit ?? 50;
    const conditions: (SQL | undefined)[] = [
      query.q ? fullTextMatch(this.store, searchTerms(query.q)) : undefined,
      query.status ? eq(doc.status, query.status) : undefined,
      query.queue ? eq(doc.queue, query.queue) : undefined,
      query.agent ? eq(doc.agentId, query.agent) : undefined,
      query.channel ? eq(doc.channel, query.channel) : undefined,
      query.from ? gte(doc.createdAt, Date.parse(`${query.from}T00:00:00Z`)) : undefined,
      query.to ? lte(doc.createdAt, Date.parse(`${query.to}T00:00:00Z`) + DAY_MS - 1) : undefined,
      this.visible(scope),
    ];
    const found = await this.read((db) =>
      db
        .select({ id: doc.conversationId })
        .from(doc)
        .where(and(...conditions))
        .orderBy(desc(doc.conversationUpdatedAt))
        .limit(limit + 1),
    );
    const hits = await this.hits(found.slice(0, limit).map((row) => row.id));
    return { results: hits, more: found.length > limit };
  }

  /** Every conversation of the customer of this one: same e-mail, same phone, or same address on the same channel. */
  async customerHistory(scope: Scope, conversationId: string): Promise<CustomerHistory> {
    await this.indexer.catchUp();
    const { conversationSearch: doc, conversations } = this.store.tables;
    const [own] = await this.read((db) =>
      db
        .select()
        .from(doc)
        .where(and(eq(doc.conversationId, conversationId), this.visible(scope))),
    );
    if (!own) {
      throw new DomainError(
        "notFound",
        "UNKNOWN_CONVERSATION",
        `There is no conversation ${conversationId} in the queues you work or among those you hold.`,
      );
    }
    const sameCustomer = or(
      and(eq(doc.channel, own.channel), eq(doc.address, own.address)),
      own.email ? eq(doc.email, own.email) : undefined,
      own.phone ? eq(doc.phone, own.phone) : undefined,
    );
    const found = await this.read((db) =>
      db
        .select({ id: doc.conversationId })
        .from(doc)
        .where(and(sameCustomer, this.visible(scope)))
        .orderBy(desc(doc.createdAt))
        .limit(200),
    );
    const ids = found.map((row) => row.id);
    const [hits, states] = await Promise.all([
      this.hits(ids),
      this.read((db) =>
        db
          .select({ id: conversations.id, state: conversations.state })
          .from(conversations)
          .where(inArray(conversations.id, ids)),
      ),
    ]);
    const self = hits.find((hit) => hit.id === conversationId);
    return {
      customer: {
        name: hits.map((hit) => hit.customer.name).find(Boolean) ?? null,
        email: own.email,
        phone: own.phone,
        address: self?.customer.address ?? own.address,
      },
      conversations: hits.map((hit) => {
        const state = states.find((row) => row.id === hit.id)?.state;
        return {
          conversation: hit,
          collected: state
            ? (readJson(ConversationState, state, { table: "conversations", column: "state", id: hit.id }).variables ??
              {})
            : {},
        };
      }),
    };
  }

  /** Agents given queues see those queues' conversations and those they hold or held; everyone else all. */
  private visible(scope: Scope): SQL | undefined {
    if (scope.all) return undefined;
    const { conversationSearch: doc } = this.store.tables;
    return or(inArray(doc.queue, scope.queues), eq(doc.agentId, scope.userId));
  }

  /** The conversations as lists show them, in the order of `ids`, with the name of who holds them. */
  private async hits(ids: string[]): Promise<SearchHit[]> {
    if (ids.length === 0) return [];
    const { conversations, users } = this.store.tables;
    const rows = await this.read((db) =>
      db
        .select({
          id: conversations.id,
          channel: conversations.channel,
          address: conversations.address,
          state: conversations.state,
          flowId: conversations.flowId,
          flowVersion: conversations.flowVersion,
          status: conversations.status,
          assignedTo: conversations.assignedTo,
          createdAt: conversations.createdAt,
          updatedAt: conversations.updatedAt,
        })
        .from(conversations)
        .where(inArray(conversations.id, ids)),
    );
    const ordered = ids.flatMap((id) => rows.filter((row) => row.id === id));
    const summaries = await summarize(this.store, ordered);
    const holders = [...new Set(summaries.flatMap((summary) => (summary.assignedTo ? [summary.assignedTo] : [])))];
    const names =
      holders.length === 0
        ? []
        : await this.read((db) =>
            db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, holders)),
          );
    return summaries.map((summary) => ({
      ...summary,
      status: summary.status as SearchHit["status"],
      lastMessage: summary.lastMessage as SearchHit["lastMessage"],
      agentName: names.find((user) => user.id === summary.assignedTo)?.name ?? null,
    }));
  }
}
