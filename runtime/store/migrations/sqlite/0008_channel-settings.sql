CREATE TABLE `channel_settings` (
	`channel` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`flow_id` text NOT NULL,
	`settings` text NOT NULL,
	`secrets` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `queues` ADD `notice_texts` text DEFAULT '{}' NOT NULL;