CREATE TABLE `agent_presence` (
	`user_id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`updated_at` integer NOT NULL,
	`last_assigned_at` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `queue_routing` (
	`queue_id` text PRIMARY KEY NOT NULL,
	`mode` text NOT NULL,
	`capacity` integer NOT NULL,
	`allow_picking` integer NOT NULL
);
