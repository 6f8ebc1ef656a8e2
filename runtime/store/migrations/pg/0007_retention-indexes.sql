CREATE INDEX "conversations_updated" ON "conversations" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "events_conversation" ON "events" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "handoffs_conversation" ON "handoffs" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "outbox_conversation" ON "outbox" USING btree ("conversation_id");