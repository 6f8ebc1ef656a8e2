import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: "designer",
  plugins: [react()],
  build: { outDir: "../dist/designer", emptyOutDir: true },
  server: { proxy: { "/api": "http://127.0.0.1:3000", "/chat": "http://127.0.0.1:3000" } },
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // A backstop against a hung test, not a speed limit: every browser step waits up to 30 s for what a
    // person would see, and a test of twenty steps on a loaded CI machine outran a 60 s limit, which then
    // hid the step that was slow behind a bare "timed out".
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
