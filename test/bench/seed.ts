import Database from "better-sqlite3";

/** Columns that name a conversation or a customer: suffixed in each copy so that copies are new ones. */
const IDENTITIES = new Set(["id", "conversation_id", "address", "external_id", "reply_to"]);
/**
 * When a conversation started and last changed, and its document's copy of it: each copy a minute
 * earlier than the one before. Copies all changed in the same instant as their original would be a
 * bulk change of the whole history, which the search index's first catch-up after a start looks at
 * again, conversation by conversation, while the bench measures.
 */
const TIMES: Record<string, Set<string>> = {
  conversations: new Set(["created_at", "updated_at"]),
  conversation_search: new Set(["created_at", "conversation_updated_at"]),
};
const COPY_STEP_MS = 60_000;
const TABLES = [
  "conversations",
  "messages",
  "inbox",
  "outbox",
  "handoffs",
  "analytics_conversations",
  "conversation_search",
];

/**
 * Fills a stopped runtime's SQLite file up to about `count` conversations by copying the ones it holds
 * (with their transcript, inbox, outbox, handoffs, analytics rows and search documents) under new ids,
 * as if that many customers had talked to it: the conversations a real history leaves, far faster than
 * sending their messages. Each copied document names its copy's newest message, so the runtime finds
 * the index up to date rather than rebuilding the whole history while it is measured.
 */
export function seedConversations(file: string, count: number): void {
  const db = new Database(file);
  try {
    const held = (db.prepare("SELECT count(*) AS n FROM conversations").get() as { n: number }).n;
    if (held === 0) throw new Error(`${file} holds no conversation to copy`);
    const copies = Math.ceil(count / held) - 1;
    if (copies <= 0) return;
    db.transaction(() => {
      for (const table of TABLES) {
        const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string; pk: number }[];
        const kept = columns.filter((column) => !(column.pk && column.type.toUpperCase() === "INTEGER"));
        const names = kept.map((column) => `"${column.name}"`).join(", ");
        const values = kept
          .map((column) =>
            IDENTITIES.has(column.name)
              ? `"${column.name}" || '~' || copy.n`
              : TIMES[table]?.has(column.name)
                ? `"${column.name}" - copy.n * ${COPY_STEP_MS}`
                : `"${column.name}"`,
          )
          .join(", ");
        const last = (db.prepare(`SELECT coalesce(max(rowid), 0) AS last FROM ${table}`).get() as { last: number })
          .last;
        db.prepare(
          `WITH RECURSIVE copy(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copy WHERE n < ?)
           INSERT INTO ${table} (${names}) SELECT ${values} FROM copy, ${table} WHERE ${table}.rowid <= ?`,
        ).run(copies, last);
      }
      db.prepare(
        `UPDATE conversation_search SET last_message_id = coalesce(
           (SELECT max(id) FROM messages WHERE messages.conversation_id = conversation_search.conversation_id), 0)`,
      ).run();
    })();
  } finally {
    db.close();
  }
}
