CREATE TABLE "satisfaction" (
	"conversation_id" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"agent_id" text,
	"asked_at" bigint NOT NULL,
	"score" integer,
	"ended_at" bigint
);
--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "satisfaction_survey" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "satisfaction_asked" ON "satisfaction" USING btree ("asked_at");--> statement-breakpoint
CREATE INDEX "conversation_search_updated" ON "conversation_search" USING btree ("conversation_updated_at");