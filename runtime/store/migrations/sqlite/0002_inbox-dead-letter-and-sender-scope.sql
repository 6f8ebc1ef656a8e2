DROP INDEX `inbox_channel_external`;--> statement-breakpoint
ALTER TABLE `inbox` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `inbox` ADD `error` text;--> statement-breakpoint
ALTER TABLE `inbox` ADD `dead_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_channel_address_external` ON `inbox` (`channel`,`address`,`external_id`);