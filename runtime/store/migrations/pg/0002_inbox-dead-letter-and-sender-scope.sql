DROP INDEX "inbox_channel_external";--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "dead_at" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_channel_address_external" ON "inbox" USING btree ("channel","address","external_id");