CREATE TABLE "deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"outbox_id" integer NOT NULL,
	"conversation_id" text NOT NULL,
	"channel" text NOT NULL,
	"part" integer NOT NULL,
	"provider_message_id" text NOT NULL,
	"status" text NOT NULL,
	"error" text,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_provider_message" ON "deliveries" USING btree ("channel","provider_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_outbox_part" ON "deliveries" USING btree ("outbox_id","part");--> statement-breakpoint
CREATE INDEX "deliveries_conversation" ON "deliveries" USING btree ("conversation_id");