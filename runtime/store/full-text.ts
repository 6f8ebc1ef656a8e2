import { type SQL, sql } from "drizzle-orm";
import type { Store } from "./db.js";

/** Words as a person typed them: anything between separators that holds a letter or a digit. */
export function searchWords(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .slice(0, 20);
}

/**
 * The condition "the conversation's document holds every word", in the store's own full-text
 * engine: FTS5 on SQLite (each word quoted, so `"`, `*`, `OR`, `NEAR(` or `-` are only text), a GIN
 * index with `plainto_tsquery` on PostgreSQL (which reads no operator at all). Undefined when the
 * text has no word to look for.
 */
export function fullTextMatch(store: Store, text: string): SQL | undefined {
  const words = searchWords(text);
  if (words.length === 0) return undefined;
  const { conversationSearch } = store.tables;
  if (store.dialect === "postgres") {
    return sql`to_tsvector('simple', ${conversationSearch.body}) @@ plainto_tsquery('simple', ${words.join(" ")})`;
  }
  const phrases = words.map((word) => `"${word.replaceAll('"', '""')}"`).join(" ");
  return sql`${conversationSearch.id} in (select rowid from conversation_search_fts where conversation_search_fts match ${phrases})`;
}
