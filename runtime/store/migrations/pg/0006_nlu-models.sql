CREATE TABLE "nlu_models" (
	"key" text PRIMARY KEY NOT NULL,
	"language" text NOT NULL,
	"model" text NOT NULL,
	"created_at" bigint NOT NULL
);
