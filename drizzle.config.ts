import { defineConfig } from "drizzle-kit";

/** `npm run db:generate` writes the SQLite migrations; `runtime/store/drizzle.pg.config.ts` the PostgreSQL ones. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./runtime/store/schema.sqlite.ts",
  out: "./runtime/store/migrations/sqlite",
});
