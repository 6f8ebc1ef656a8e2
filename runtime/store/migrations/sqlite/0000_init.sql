CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`pinned` text NOT NULL,
	`state` text NOT NULL,
	`status` text NOT NULL,
	`assigned_to` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversations_address` ON `conversations` (`channel`,`flow_id`,`address`,`status`);--> statement-breakpoint
CREATE TABLE `credentials` (
	`hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text,
	`expires_at` integer,
	`used_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `crm_customers` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text NOT NULL,
	`phone` text NOT NULL,
	`tier` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_customers_number_unique` ON `crm_customers` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `crm_customers_email_unique` ON `crm_customers` (`email`);--> statement-breakpoint
CREATE TABLE `crm_orders` (
	`number` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`status` text NOT NULL,
	`status_label` text NOT NULL,
	`total` text NOT NULL,
	`currency` text NOT NULL,
	`delivery_date` text NOT NULL,
	`dispute` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`flow_version` integer NOT NULL,
	`type` text NOT NULL,
	`node_id` text NOT NULL,
	`data` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_flow` ON `events` (`flow_id`,`flow_version`,`type`);--> statement-breakpoint
CREATE TABLE `flow_versions` (
	`flow_id` text NOT NULL,
	`version` integer NOT NULL,
	`hash` text NOT NULL,
	`flow` text NOT NULL,
	`layout` text,
	`author` text NOT NULL,
	`note` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flow_versions_flow_version` ON `flow_versions` (`flow_id`,`version`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`queue` text NOT NULL,
	`priority` text NOT NULL,
	`rank` integer NOT NULL,
	`reason` text NOT NULL,
	`summary` text NOT NULL,
	`note` text,
	`sla_due_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`closed_at` integer,
	`disposition` text
);
--> statement-breakpoint
CREATE INDEX `handoffs_waiting` ON `handoffs` (`queue`,`claimed_by`,`closed_at`,`rank`,`created_at`);--> statement-breakpoint
CREATE TABLE `inbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`flow_id` text NOT NULL,
	`address` text NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`conversation_id` text,
	`result` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_channel_external` ON `inbox` (`channel`,`external_id`);--> statement-breakpoint
CREATE INDEX `inbox_pending` ON `inbox` (`processed_at`,`id`);--> statement-breakpoint
CREATE TABLE `live_flows` (
	`flow_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`role` text NOT NULL,
	`text` text NOT NULL,
	`author` text,
	`payload` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `messages_conversation` ON `messages` (`conversation_id`,`id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation_id` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`sent_at`,`id`);--> statement-breakpoint
CREATE TABLE `queues` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` integer NOT NULL,
	`timezone` text NOT NULL,
	`hours` text NOT NULL,
	`holidays` text NOT NULL,
	`sla_minutes` integer NOT NULL,
	`out_of_hours_text` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);