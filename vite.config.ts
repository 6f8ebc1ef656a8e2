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
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
