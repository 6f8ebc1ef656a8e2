import { setTimeout as sleep } from "node:timers/promises";
import { type AnyColumn, and, desc, eq, gt, gte, lte, max, or, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { ConversationState } from "../../schema/api/index.js";
import type { Db, Store, Tables } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { type Preparable, prepared, preparedRows } from "../store/prepared.js";
import { customerIdentity } from "./customer-identity.js";
import { phoneForms } from "./search-terms.js";

/**
 * How far back each catch-up looks again, beyond what the documents already hold: on PostgreSQL a
 * message or a change may commit after a later one, and must not be skipped for it.
 */
const MESSAGE_MARGIN = 200;
const CHANGE_MARGIN_MS = 2_000;
const BATCH = 500;
/**
 * Conversations looked at and indexed together: their reads, and the building of their documents, hold
 * the event loop at once; a whole batch of them did for tens of milliseconds, every request waiting.
 */
const SLICE = 50;
/**
 * Documents written per transaction: the store's turns let the event loop accept and answer between
 * transactions, not within one, and each document costs its full-text entry rewritten.
 */
const WRITE_CHUNK = 20;
/** Whose turn it is to bring the index up to date, among the processes sharing a database. */
export const SEARCH_INDEX_LOCK = "relais:search-index";
/** How often a search looks whether another process's run is over. */
const OTHERS_POLL_MS = 50;
/** The key of `search_catch_up`'s row of how far changes were looked at. */
const MARK_ROW = "changes";
/**
 * The key of `search_catch_up`'s row of the documents' format, bumped when what a document holds
 * changes (format 2: phone numbers in every form), so that an index built before is rebuilt. The row
 * holds the id of the newest document left to rebuild: 0 once all are, and from the start on an empty index.
 */
const FORMAT_ROW = "format-2";
/**
 * Old documents rebuilt per background run, the newest first: a search waits for the run in progress,
 * and an index of 100,000 documents is rebuilt within the hour. Meanwhile they are found as before.
 */
const REBUILT_PER_RUN = 200;
/** A document keeps this much of a conversation's words; very long transcripts are found by their start. */
const BODY_CHARS = 100_000;

/** Every value the bot collected, as words: strings and numbers at any depth. */
function collectedWords(value: unknown, into: string[] = []): string[] {
  if (typeof value === "string" || typeof value === "number") into.push(String(value));
  else if (Array.isArray(value)) for (const item of value) collectedWords(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) collectedWords(item, into);
  return into;
}

/** What a rewrite of a document replaces: every column but its key. */
const REWRITTEN_COLUMNS = [
  "channel",
  "address",
  "status",
  "queue",
  "agentId",
  "customerName",
  "email",
  "phone",
  "body",
  "lastMessageId",
  "conversationUpdatedAt",
  "createdAt",
] as const;

/**
 * A read of the rows whose column (given to `among`) is one of the ids it is run with, prepared once per
 * dialect: the ids go as one parameter whatever their number (`= any($1)` on PostgreSQL, `json_each(?)`
 * on SQLite). `in ($1, …, $50)` was a statement for drizzle to build and the database to parse at every
 * slice (on SQLite, one of its own for each count of ids), a good part of the catch-up's CPU under load.
 */
function amongIds<R>(build: (db: Db, tables: Tables, among: (column: AnyColumn) => SQL) => Preparable<R> & SQLWrapper) {
  const ids = sql.placeholder("ids");
  const onPostgres = prepared((db, tables) => build(db, tables, (column) => sql`${column} = any(${ids}::text[])`));
  const onSqlite = prepared((db, tables) =>
    build(db, tables, (column) => sql`${column} in (select value from json_each(${ids}))`),
  );
  return (store: Store, db: Db, values: string[]) =>
    store.dialect === "postgres"
      ? onPostgres(store, db, { ids: values })
      : onSqlite(store, db, { ids: JSON.stringify(values) });
}

/** Of the conversations, their documents' marks of what they hold. */
const documentMarks = amongIds((db, { conversationSearch }, among) =>
  db
    .select({
      id: conversationSearch.conversationId,
      lastMessageId: conversationSearch.lastMessageId,
      updatedAt: conversationSearch.conversationUpdatedAt,
    })
    .from(conversationSearch)
    .where(among(conversationSearch.conversationId)),
);

/** Of the conversations, when each last changed. */
const conversationChanges = amongIds((db, { conversations }, among) =>
  db
    .select({ id: conversations.id, updatedAt: conversations.updatedAt })
    .from(conversations)
    .where(among(conversations.id)),
);

/** Of the conversations, each one's newest transcript line. */
const newestLines = amongIds((db, { messages }, among) =>
  db
    .select({ id: messages.conversationId, last: max(messages.id) })
    .from(messages)
    .where(among(messages.conversationId))
    .groupBy(messages.conversationId),
);

/** The conversations themselves. */
const conversationRows = amongIds((db, { conversations }, among) =>
  db.select().from(conversations).where(among(conversations.id)),
);

/** Of the conversations, every transcript line's words, in order. */
const transcriptWords = amongIds((db, { messages }, among) =>
  db
    .select({ id: messages.id, conversationId: messages.conversationId, text: messages.text })
    .from(messages)
    .where(among(messages.conversationId))
    .orderBy(messages.id),
);

/** Of the conversations, their handoffs, the newest first. */
const handoffsNewestFirst = amongIds((db, { handoffs }, among) =>
  db
    .select({ conversationId: handoffs.conversationId, queue: handoffs.queue, claimedBy: handoffs.claimedBy })
    .from(handoffs)
    .where(among(handoffs.conversationId))
    .orderBy(desc(handoffs.createdAt)),
);

/**
 * The conversations with lines after `sinceMessage`, each with its newest line's id, the least recently
 * written first, {@link BATCH} at most. On SQLite, grouped by the bare column, the plan walked the whole
 * `messages_conversation` index rather than the few newest lines (108 ms with a history of 1.15 million
 * lines, the event loop held at every pass); `+` keeps that index out and the range of ids in.
 */
export function conversationsWrittenSince(store: Store, db: Db, sinceMessage: number) {
  const { messages } = store.tables;
  const newest = max(messages.id);
  return db
    .select({ id: messages.conversationId, last: newest })
    .from(messages)
    .where(gt(messages.id, sinceMessage))
    .groupBy(store.dialect === "sqlite" ? sql`+${messages.conversationId}` : messages.conversationId)
    .orderBy(newest)
    .limit(BATCH);
}

/** A document's columns taken from the row proposed, on a conflict. */
const rewritten = (doc: Tables["conversationSearch"]) =>
  Object.fromEntries(REWRITTEN_COLUMNS.map((column) => [column, sql`excluded.${sql.identifier(doc[column].name)}`]));

/**
 * Documents written or rewritten, as many as given in one statement: built and prepared once per number
 * of documents (preparing one, with its full-text triggers, cost as much as writing it).
 */
const upsertDocuments = preparedRows("conversationSearch", ["conversationId", ...REWRITTEN_COLUMNS], {
  target: "conversationId",
  set: rewritten,
});

/** Records how far the catch-ups have gone, in a row of `search_catch_up`. */
const saveMark = (store: Store, db: Db, mark: string, at: number) =>
  db
    .insert(store.tables.searchCatchUp)
    .values({ mark, changesLookedAt: at })
    .onConflictDoUpdate({ target: store.tables.searchCatchUp.mark, set: { changesLookedAt: at } });

/**
 * Keeps `conversation_search` in step with the conversations: each call brings up to date the
 * documents of conversations written to since the newest ones it holds. Searches call it first, so
 * that what was just said or closed is found; a timer calls it meanwhile, so that searches stay quick.
 */
export class SearchIndexer {
  private running: Promise<number> | undefined;
  /** The run after the one in progress, for searches that came during it. */
  private next: Promise<number> | undefined;
  private stopping = false;
  /** Searches waiting for the run in progress or the next one. */
  private searchesWaiting = 0;

  constructor(private readonly store: Store) {}

  /**
   * While a search waits for it, the index's turns of the store go ahead of the messages'
   * (`TurnOptions.ahead`): a search waits for a catch-up of a dozen turns or so, and behind 100 messages
   * in flight each waited 60 ms (a search under that load took 0.9 s). The timer's runs, which nobody
   * waits for, take their turns among the messages': ahead of them, a run of 2,000 documents every 5 s
   * held every customer's answer for 0.4 to 0.9 s (p99 300 ms at 5,000 conversations, p50 30 ms).
   */
  private turns() {
    return { ahead: this.searchesWaiting > 0 };
  }

  private read<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.store.read(work, this.turns());
  }

  private tx<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return this.store.tx(work, this.turns());
  }

  /**
   * Brings the index up to date in the background: joins the run in progress, if any, and leaves it to
   * another process sharing the database that is bringing it up to date now.
   */
  catchUpSoon(): Promise<number> {
    return this.start(false);
  }

  /**
   * Brings the index up to date with all that was written before the call, for a search. A run in
   * progress may have begun before the caller's last write: the caller waits for the next run, which
   * all callers meanwhile share; so it does for a run of another process.
   */
  catchUp(): Promise<number> {
    this.searchesWaiting++;
    const done = () => {
      this.searchesWaiting--;
    };
    if (!this.running) return this.start(true).finally(done);
    this.next ??= this.running
      .catch(() => 0)
      .then(() => {
        this.next = undefined;
        return this.start(true);
      });
    return this.next.finally(done);
  }

  private start(waitForOthers: boolean): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    this.running ??= this.runAlone(waitForOthers).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * A run, unless another process runs one: every process of a cluster indexed the same conversations,
   * each writing every document again. `waitForOthers` waits for theirs to end, then runs (what it
   * began with may be older than the caller's last write), looking again every {@link OTHERS_POLL_MS}
   * rather than holding a connection in the lock's queue, which a stop would wait for.
   */
  private async runAlone(waitForOthers: boolean): Promise<number> {
    for (;;) {
      // A search's run leaves old documents to the background runs: it waits for what it needs alone.
      const indexed = await this.store.alone(SEARCH_INDEX_LOCK, () => this.run(!waitForOthers));
      if (indexed !== undefined) return indexed;
      if (!waitForOthers || this.stopping) return 0;
      await sleep(OTHERS_POLL_MS);
    }
  }

  /**
   * Stops the run in progress at its next slice and starts no other, then waits for it, so that the
   * store is not closed under it. A run may have tens of thousands of conversations to look at (after a
   * bulk change, or at the start of a big history), and a process asked to stop must not wait for them:
   * what is left is for the next start.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
  }

  /**
   * Passes until the conversations written to or changed before the run began are all looked at. Under
   * steady traffic every pass finds documents behind, written since: a run that went on until a pass
   * found none kept the search waiting for it 12 s under load. What is written during a run is for the next.
   * A `background` run then rebuilds some of the documents written in an older format.
   */
  private async run(background: boolean): Promise<number> {
    const { conversationSearch, messages, searchCatchUp } = this.store.tables;
    const [[newest], [mark], [lastDocument], [format], [newestDocument]] = await this.read((db) =>
      Promise.all([
        db.select({ id: max(messages.id) }).from(messages),
        db.select({ at: searchCatchUp.changesLookedAt }).from(searchCatchUp).where(eq(searchCatchUp.mark, MARK_ROW)),
        db.select({ at: max(conversationSearch.conversationUpdatedAt) }).from(conversationSearch),
        db
          .select({ left: searchCatchUp.changesLookedAt })
          .from(searchCatchUp)
          .where(eq(searchCatchUp.mark, FORMAT_ROW)),
        db.select({ id: max(conversationSearch.id) }).from(conversationSearch),
      ]),
    );
    // No row yet: the documents there, if any, were written by a version before this format. Their newest
    // is read before this run writes any, so that those it writes are not rebuilt.
    const oldUpTo = Number(format?.left ?? newestDocument?.id ?? 0);
    if (!format) await this.tx((db) => saveMark(this.store, db, FORMAT_ROW, oldUpTo));
    const before = { messageId: Number(newest?.id ?? 0), at: Date.now() };
    // Without a mark (an index built before marks were kept), the documents' newest change is the best guess.
    const from = Number(mark?.at ?? lastDocument?.at ?? 0);
    let changedAfter = { at: from - CHANGE_MARGIN_MS, id: "" };
    let total = 0;
    for (;;) {
      const { indexed, more, changedUpTo } = await this.pass(before, changedAfter);
      total += indexed;
      changedAfter = changedUpTo;
      if (!more || this.stopping) break;
    }
    const lookedAt = Math.max(from, changedAfter.at);
    if (lookedAt !== mark?.at) await this.tx((db) => saveMark(this.store, db, MARK_ROW, lookedAt));
    if (background && oldUpTo > 0 && !this.stopping) total += await this.rebuild(oldUpTo);
    return total;
  }

  /**
   * Rewrites up to {@link REBUILT_PER_RUN} documents of an older format, those of id `upTo` and below,
   * the newest first, and records where the next run takes up. Rewritten in place, a document keeps its id.
   */
  private async rebuild(upTo: number): Promise<number> {
    const { conversationSearch } = this.store.tables;
    let left = upTo;
    let rebuilt = 0;
    while (left > 0 && rebuilt < REBUILT_PER_RUN && !this.stopping) {
      const below = left;
      const old = await this.read((db) =>
        db
          .select({ id: conversationSearch.id, conversationId: conversationSearch.conversationId })
          .from(conversationSearch)
          .where(lte(conversationSearch.id, below))
          .orderBy(desc(conversationSearch.id))
          .limit(SLICE),
      );
      const oldest = old.at(-1);
      if (oldest) await this.write(await this.documents(old.map((doc) => doc.conversationId)));
      rebuilt += old.length;
      left = oldest && old.length === SLICE ? oldest.id - 1 : 0;
    }
    if (left !== upTo) await this.tx((db) => saveMark(this.store, db, FORMAT_ROW, left));
    return rebuilt;
  }

  /**
   * One batch: the conversations written to since the documents' newest message, and those changed
   * after `changedAfter` (by time, then id), whose documents are behind. `more` when a full batch
   * stopped short of what was written or changed `before` the run.
   */
  private async pass(
    before: { messageId: number; at: number },
    changedAfter: { at: number; id: string },
  ): Promise<{ indexed: number; more: boolean; changedUpTo: { at: number; id: string } }> {
    const { conversationSearch, conversations } = this.store.tables;
    // One turn of the store for the three reads: under load each turn waits behind the messages' turns.
    const [written, changed] = await this.read(async (db) => {
      // An aggregate read off its index's end, not by scanning every document.
      const [lastMessage] = await db.select({ v: max(conversationSearch.lastMessageId) }).from(conversationSearch);
      const sinceMessage = Number(lastMessage?.v ?? 0) - MESSAGE_MARGIN;
      return Promise.all([
        conversationsWrittenSince(this.store, db, sinceMessage),
        // By time then id: many conversations changed in the same instant (a batch closed at once) are
        // all reached, page after page, not the same first batch of them again and again.
        db
          .select({ id: conversations.id, updatedAt: conversations.updatedAt })
          .from(conversations)
          .where(
            and(
              gte(conversations.updatedAt, changedAfter.at),
              or(gt(conversations.updatedAt, changedAfter.at), gt(conversations.id, changedAfter.id)),
            ),
          )
          .orderBy(conversations.updatedAt, conversations.id)
          .limit(BATCH),
      ]);
    });
    const candidates = [...new Set([...written.map((row) => row.id), ...changed.map((row) => row.id)])];
    let indexed = 0;
    // A slice's documents are written while the next slice is read and built: each write waits for its
    // group's commit, and under load for the messages' turns before it; one after the other, a
    // catch-up of 2,000 documents spent most of its 2 s waiting so, and a search waited with it.
    let writing: Promise<void> | undefined;
    try {
      for (let from = 0; from < candidates.length && !this.stopping; from += SLICE) {
        const stale = await this.stale(candidates.slice(from, from + SLICE));
        if (stale.length === 0) continue;
        const documents = await this.documents(stale);
        await writing;
        writing = this.write(documents);
        // Awaited at the next slice or at the end; meanwhile its failure is not left unhandled.
        writing.catch(() => undefined);
        indexed += stale.length;
      }
    } finally {
      await writing;
    }
    // A full batch whose newest is older than the run: more of what was there before it is left. The
    // written batch starts again from the documents, so it is only worth another pass when it indexed some.
    const writtenLeft = indexed > 0 && written.length === BATCH && Number(written.at(-1)?.last ?? 0) < before.messageId;
    const lastChanged = changed.at(-1);
    const changedLeft = changed.length === BATCH && (lastChanged?.updatedAt ?? 0) < before.at;
    return {
      indexed,
      more: writtenLeft || changedLeft,
      changedUpTo: lastChanged ? { at: lastChanged.updatedAt, id: lastChanged.id } : changedAfter,
    };
  }

  /** Of the candidates, those without a document or whose document misses a message or a change. */
  private async stale(ids: string[]): Promise<string[]> {
    // One turn of the store for the three: under load each turn waits behind the messages' turns.
    const [docs, rows, lastIds] = await this.read((db) =>
      Promise.all([
        documentMarks(this.store, db, ids),
        conversationChanges(this.store, db, ids),
        newestLines(this.store, db, ids),
      ]),
    );
    const docOf = new Map(docs.map((doc) => [doc.id, doc]));
    const lastOf = new Map(lastIds.map((row) => [row.id, Number(row.last ?? 0)]));
    return rows
      .filter((row) => {
        const doc = docOf.get(row.id);
        const last = lastOf.get(row.id) ?? 0;
        return !doc || doc.lastMessageId < last || doc.updatedAt < row.updatedAt;
      })
      .map((row) => row.id);
  }

  /** The conversations' documents as they stand now, in key order (see {@link write}). */
  private async documents(ids: string[]) {
    const [rows, lines, latest] = await this.read((db) =>
      Promise.all([
        conversationRows(this.store, db, ids),
        transcriptWords(this.store, db, ids),
        handoffsNewestFirst(this.store, db, ids),
      ]),
    );
    const linesOf = new Map<string, typeof lines>();
    for (const line of lines) {
      const own = linesOf.get(line.conversationId);
      if (own) own.push(line);
      else linesOf.set(line.conversationId, [line]);
    }
    const documents = rows.map((row) => {
      const variables =
        readJson(ConversationState, row.state, { table: "conversations", column: "state", id: row.id }).variables ?? {};
      const customer = customerIdentity(variables, row.address);
      const own = linesOf.get(row.id) ?? [];
      const handoff = latest.find((candidate) => candidate.conversationId === row.id);
      const text = [
        customer.name,
        customer.email,
        customer.phone,
        row.address,
        ...collectedWords(variables),
        ...own.map((line) => line.text),
      ]
        .filter(Boolean)
        .join("\n")
        .slice(0, BODY_CHARS);
      // WhatsApp names a customer by their number without its `+`, which alone reads as no number.
      const phones = phoneForms(row.channel === "whatsapp" ? `${text}\n+${row.address}` : text);
      // After the cut, so that a long transcript never cuts them off.
      const body = phones.length > 0 ? `${text}\n${phones.join(" ")}` : text;
      return {
        conversationId: row.id,
        channel: row.channel,
        address: row.address,
        status: row.status,
        queue: handoff?.queue ?? null,
        agentId: row.assignedTo ?? handoff?.claimedBy ?? null,
        customerName: customer.name,
        email: customer.email?.toLowerCase() ?? null,
        phone: customer.phone,
        body,
        lastMessageId: own.at(-1)?.id ?? 0,
        conversationUpdatedAt: row.updatedAt,
        createdAt: row.createdAt,
      };
    });
    // In key order, so that processes catching up at the same time lock the documents they share in
    // the same order.
    return documents.sort((a, b) =>
      a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0,
    );
  }

  /**
   * Writes documents, a chunk per transaction (on PostgreSQL a round trip each), all chunks at once: on
   * SQLite they commit in one group. Each chunk holds its rows in key order, and no two share a row.
   */
  private async write(documents: Parameters<typeof upsertDocuments>[2]): Promise<void> {
    const chunks: (typeof documents)[] = [];
    for (let from = 0; from < documents.length; from += WRITE_CHUNK)
      chunks.push(documents.slice(from, from + WRITE_CHUNK));
    await Promise.all(chunks.map((chunk) => this.tx((db) => upsertDocuments(this.store, db, chunk))));
  }
}
