DROP INDEX "analytics_conversations_flow";--> statement-breakpoint
DROP INDEX "analytics_conversations_at";--> statement-breakpoint
CREATE INDEX "analytics_conversations_handoff" ON "analytics_conversations" USING btree ("flow_id","flow_version","outcome","day","handoff_rule_id","handoff_rule_kind","handoff_flow_id","handoff_flow_version","handoff_node_id");--> statement-breakpoint
CREATE INDEX "analytics_conversations_flow" ON "analytics_conversations" USING btree ("flow_id","flow_version","day","outcome","customer_messages","started_at","ended_at","last_customer_at");--> statement-breakpoint
CREATE INDEX "analytics_conversations_at" ON "analytics_conversations" USING btree ("at_flow_id","at_flow_version","outcome","day","last_customer_at","at_node_id");