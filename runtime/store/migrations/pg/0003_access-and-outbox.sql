ALTER TABLE "outbox" ADD COLUMN "next_attempt_at" bigint;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failed_at" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" bigint;