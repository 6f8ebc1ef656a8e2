import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { vi } from "vitest";
import { buildApp } from "../../runtime/app.js";
import { loadConfig } from "../../runtime/config.js";

export const ADMIN = { email: "admin@example.fr", password: "correct horse battery staple" };

const root = resolve(import.meta.dirname, "../..");

export interface Harness {
  baseUrl: string;
  flowsDir: string;
  app: FastifyInstance;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/**
 * Builds the designer, starts the real runtime on a temp copy of `flows/` and opens real Chromium on it.
 * `env` adds to the runtime's environment. Each harness builds into its own folder, so browser test
 * files running in parallel never serve each other's half-written build.
 */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  // `expect.poll` gives up after 1 s by default, which a loaded CI machine overruns while the page is still
  // on its way: it waits as long as Playwright's own waits (`waitFor`, `click`: 30 s).
  // The benches start this harness from plain Node, where there is no vitest to configure.
  if (process.env.VITEST) vi.setConfig({ expect: { poll: { timeout: 30_000 } } });
  const dir = mkdtempSync(join(tmpdir(), "relais-designer-"));
  const designerDir = join(dir, "designer");
  execFileSync(
    join(root, "node_modules/.bin/vite"),
    ["build", "--logLevel", "warn", "--outDir", designerDir, "--emptyOutDir"],
    { cwd: root, stdio: "inherit" },
  );
  const flowsDir = join(dir, "flows");
  cpSync(join(root, "flows"), flowsDir, { recursive: true });
  mkdirSync(join(dir, "data"));
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: join(dir, "data"),
    FLOWS_DIR: flowsDir,
    DESIGNER_DIR: designerDir,
    RELAIS_ADMIN_EMAIL: ADMIN.email,
    RELAIS_ADMIN_PASSWORD: ADMIN.password,
    RELAIS_HTTP_ALLOW: "127.0.0.1",
    RELAIS_SAMPLE_CRM: "1",
    // The shipped queues keep office hours: a test run in the evening would see them closed.
    RELAIS_QUEUES_FILE: join(import.meta.dirname, "fixtures", "queues-always-open.json"),
    LOG_LEVEL: "warn",
    ...env,
  });
  const app = await buildApp(config);
  await app.listen({ port, host: "127.0.0.1" });
  const browser = await launchChromium(["--lang=fr-FR"]);
  const context = await browser.newContext({
    locale: "fr-FR",
    viewport: { width: 1600, height: 1000 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    flowsDir,
    app,
    browser,
    page,
    async close() {
      await browser.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Keeps a screenshot of the page under test/artifacts/ when a test fails. */
export async function screenshotOnFailure(page: Page, name: string): Promise<void> {
  const dir = join(root, "test/artifacts");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name.replace(/[^\w-]+/g, "-")}.png`), fullPage: true });
}

/** Debian's Chromium, headless, with nothing that would reach out of this machine. */
export function launchChromium(extraArgs: string[] = []) {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-sync",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/**
 * Types `text` into `field` as a person does: a click, everything it holds selected, then the new text
 * key by key over it (an empty text deletes what was there). Never `fill`, which skips the keyboard.
 */
export async function typeInto(field: Locator, text: string): Promise<void> {
  await field.click();
  await field.press("ControlOrMeta+a");
  if (text) await field.pressSequentially(text);
  else await field.press("Backspace");
}
