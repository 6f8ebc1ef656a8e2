import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./runtime/store/schema.pg.ts",
  out: "./runtime/store/migrations/pg",
});
