CREATE TABLE "agent_presence" (
	"user_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_assigned_at" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_search" (
	"id" serial PRIMARY KEY NOT NULL,
	"conversation_id" text NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"status" text NOT NULL,
	"queue" text,
	"agent_id" text,
	"customer_name" text,
	"email" text,
	"phone" text,
	"body" text NOT NULL,
	"last_message_id" integer NOT NULL,
	"conversation_updated_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "conversation_search_conversation_id_unique" UNIQUE("conversation_id")
);
--> statement-breakpoint
CREATE TABLE "queue_routing" (
	"queue_id" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"capacity" integer NOT NULL,
	"allow_picking" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "conversation_search_email" ON "conversation_search" USING btree ("email");--> statement-breakpoint
CREATE INDEX "conversation_search_phone" ON "conversation_search" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "conversation_search_created" ON "conversation_search" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "conversation_search_watermark" ON "conversation_search" USING btree ("last_message_id");