-- The full-text index of conversation_search.body: an FTS5 table over it (external content), kept by triggers.
CREATE VIRTUAL TABLE `conversation_search_fts` USING fts5(body, content='conversation_search', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `conversation_search_ai` AFTER INSERT ON `conversation_search` BEGIN
  INSERT INTO conversation_search_fts(rowid, body) VALUES (new.id, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_search_ad` AFTER DELETE ON `conversation_search` BEGIN
  INSERT INTO conversation_search_fts(conversation_search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_search_au` AFTER UPDATE ON `conversation_search` BEGIN
  INSERT INTO conversation_search_fts(conversation_search_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO conversation_search_fts(rowid, body) VALUES (new.id, new.body);
END;
