CREATE TABLE `analytics_deltas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`day` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
DROP TABLE `events`;