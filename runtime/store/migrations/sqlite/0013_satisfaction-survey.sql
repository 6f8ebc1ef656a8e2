CREATE TABLE `satisfaction` (
	`conversation_id` text PRIMARY KEY NOT NULL,
	`queue` text NOT NULL,
	`agent_id` text,
	`asked_at` integer NOT NULL,
	`score` integer,
	`ended_at` integer
);
--> statement-breakpoint
CREATE INDEX `satisfaction_asked` ON `satisfaction` (`asked_at`);--> statement-breakpoint
ALTER TABLE `queues` ADD `satisfaction_survey` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `conversation_search_updated` ON `conversation_search` (`conversation_updated_at`);