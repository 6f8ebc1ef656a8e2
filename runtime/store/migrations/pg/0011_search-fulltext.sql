-- The full-text index of conversation_search.body, searched with the same expression (runtime/store/full-text.ts).
CREATE INDEX "conversation_search_body" ON "conversation_search" USING gin (to_tsvector('simple', "body"));
