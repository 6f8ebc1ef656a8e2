CREATE TABLE `search_catch_up` (
	`mark` text PRIMARY KEY NOT NULL,
	`changes_looked_at` integer NOT NULL
);
