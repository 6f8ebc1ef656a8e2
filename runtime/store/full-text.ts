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
 * One thing a query looks for, in any of several forms: a document holds it when it holds every word
 * of one of the groups (a phone number is `+33698765432`, or `0698765432`, or `06 98 76 54 32` as typed).
 * Neither the term nor its groups are empty.
 */
export type SearchTerm = string[][];

/** A word as an FTS5 phrase: quoted, so that `"`, `*`, `OR`, `NEAR(` or `-` are only text. */
const phrase = (word: string) => `"${word.replaceAll('"', '""')}"`;

const fts5Group = (words: string[]) =>
  words.length === 1 ? phrase(words[0] as string) : `(${words.map(phrase).join(" AND ")})`;

const fts5Term = (term: SearchTerm) =>
  term.length === 1 ? fts5Group(term[0] as string[]) : `(${term.map(fts5Group).join(" OR ")})`;

/**
 * The condition "the conversation's document holds every term", in the store's own full-text engine:
 * FTS5 on SQLite, a GIN index with `plainto_tsquery` on PostgreSQL (which reads no operator at all, so
 * the groups are joined with tsquery's own `||` and `&&`). Each side tokenizes its words as it did the
 * documents' (FTS5 drops the `+` of `+33698765432`, PostgreSQL keeps it), so the forms match as indexed.
 * Undefined when there is no term to look for.
 */
export function fullTextMatch(store: Store, terms: SearchTerm[]): SQL | undefined {
  if (terms.length === 0) return undefined;
  const { conversationSearch } = store.tables;
  if (store.dialect === "postgres") {
    const query = sql.join(
      terms.map(
        (term) =>
          sql`(${sql.join(
            term.map((group) => sql`plainto_tsquery('simple', ${group.join(" ")})`),
            sql` || `,
          )})`,
      ),
      sql` && `,
    );
    return sql`to_tsvector('simple', ${conversationSearch.body}) @@ (${query})`;
  }
  // Explicit: FTS5 reads no implicit AND next to a parenthesis.
  const match = terms.map(fts5Term).join(" AND ");
  return sql`${conversationSearch.id} in (select rowid from conversation_search_fts where conversation_search_fts match ${match})`;
}
