CREATE TABLE `analytics_conversations` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`day` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_customer_at` integer NOT NULL,
	`customer_messages` integer NOT NULL,
	`outcome` text NOT NULL,
	`ended_at` integer,
	`at_flow_id` text,
	`at_flow_version` integer,
	`at_node_id` text,
	`path` text NOT NULL,
	`handoff_rule_id` text,
	`handoff_rule_kind` text,
	`handoff_flow_id` text,
	`handoff_flow_version` integer,
	`handoff_node_id` text
);
--> statement-breakpoint
CREATE INDEX `analytics_conversations_flow` ON `analytics_conversations` (`flow_id`,`flow_version`,`day`,`outcome`,`customer_messages`,`started_at`,`ended_at`,`last_customer_at`);--> statement-breakpoint
CREATE INDEX `analytics_conversations_handoff` ON `analytics_conversations` (`flow_id`,`flow_version`,`outcome`,`day`,`handoff_rule_id`,`handoff_rule_kind`,`handoff_flow_id`,`handoff_flow_version`,`handoff_node_id`);--> statement-breakpoint
CREATE INDEX `analytics_conversations_at` ON `analytics_conversations` (`at_flow_id`,`at_flow_version`,`outcome`,`day`,`last_customer_at`,`at_node_id`);--> statement-breakpoint
CREATE TABLE `analytics_counts` (
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`day` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `analytics_counts_key` ON `analytics_counts` (`flow_id`,`flow_version`,`day`,`kind`,`key`);