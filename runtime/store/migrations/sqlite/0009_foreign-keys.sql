PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_credentials` (
	`hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text,
	`expires_at` integer,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_credentials`("hash", "kind", "user_id", "name", "expires_at", "used_at", "created_at") SELECT "hash", "kind", "user_id", "name", "expires_at", "used_at", "created_at" FROM `credentials`;--> statement-breakpoint
DROP TABLE `credentials`;--> statement-breakpoint
ALTER TABLE `__new_credentials` RENAME TO `credentials`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_crm_orders` (
	`number` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`status` text NOT NULL,
	`status_label` text NOT NULL,
	`total` text NOT NULL,
	`currency` text NOT NULL,
	`delivery_date` text NOT NULL,
	`dispute` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `crm_customers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_crm_orders`("number", "customer_id", "status", "status_label", "total", "currency", "delivery_date", "dispute") SELECT "number", "customer_id", "status", "status_label", "total", "currency", "delivery_date", "dispute" FROM `crm_orders`;--> statement-breakpoint
DROP TABLE `crm_orders`;--> statement-breakpoint
ALTER TABLE `__new_crm_orders` RENAME TO `crm_orders`;