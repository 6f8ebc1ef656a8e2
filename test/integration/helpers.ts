import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../runtime/app.js";
import { loadConfig } from "../../runtime/config.js";
import type { ConversationRow } from "../../runtime/store/records.js";
import { PRESENCE_WINDOW_MS } from "../../schema/api/index.js";

export const fixtures = new URL("./fixtures/", import.meta.url).pathname;
export const ADMIN = { email: "admin@example.fr", password: "admin-password-1" };

export interface Built {
  app: FastifyInstance;
  dir: string;
  close: () => Promise<void>;
}

/**
 * A real app on a real SQLite file in a fresh temp folder, with the fixture flows as drafts
 * (published as version 1 at first start) and always-open queues. `close()` removes everything.
 */
export async function build(env: Record<string, string> = {}, options: { keepDir?: string } = {}): Promise<Built> {
  const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), "relais-it-"));
  if (!options.keepDir) cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  const config = loadConfig({
    DATA_DIR: join(dir, "data"),
    FLOWS_DIR: join(dir, "flows"),
    DESIGNER_DIR: join(dir, "no-designer"),
    RELAIS_ADMIN_EMAIL: ADMIN.email,
    RELAIS_ADMIN_PASSWORD: ADMIN.password,
    RELAIS_QUEUES_FILE: join(fixtures, "queues.json"),
    LOG_LEVEL: "warn",
    PORT: "3999",
    ...env,
  });
  const app = await buildApp(config);
  await app.ready();
  return {
    app,
    dir,
    close: async () => {
      await app.close();
      if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in and returns the cookie header for later requests. */
export async function login(app: FastifyInstance, email: string, password: string): Promise<string> {
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "relais_session");
  return `relais_session=${cookie?.value}`;
}

/** Creates a user with a role (as the admin) and returns its cookie. */
export async function userWithRole(
  app: FastifyInstance,
  role: "admin" | "supervisor" | "editor" | "agent",
  name: string,
): Promise<string> {
  const admin = await login(app, ADMIN.email, ADMIN.password);
  const email = `${name}@example.fr`;
  const password = `${name}-password-1`;
  const created = await app.inject({
    method: "POST",
    url: "/api/users",
    headers: { cookie: admin },
    payload: { email, name, role, password },
  });
  if (created.statusCode !== 201) throw new Error(`create ${name}: ${created.statusCode} ${created.body}`);
  return login(app, email, password);
}

/** Starts `app` listening on a free port of 127.0.0.1, for a test over real HTTP; returns its address. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("the app does not listen");
  return `http://127.0.0.1:${address.port}`;
}

export function send(app: FastifyInstance, body: Record<string, unknown>) {
  return app.inject({ method: "POST", url: "/api/channels/rest/messages", payload: body, remoteAddress: "127.0.0.1" });
}

/**
 * Writes a REST message of the `echo` flow straight to the inbox, unprocessed, as a crash or a database
 * out of reach would leave it; returns its row's id.
 */
export async function waitingInboxRow(
  app: FastifyInstance,
  row: { address: string; externalId: string; payload: string; receivedAt: number },
): Promise<number> {
  const { inbox } = app.store.tables;
  const [written] = await app.store.tx((db) =>
    db
      .insert(inbox)
      .values({ channel: "rest", flowId: "echo", ...row })
      .returning({ id: inbox.id }),
  );
  if (!written) throw new Error(`inbox row ${row.externalId} not written`);
  return written.id;
}

/**
 * Writes `count` copies of the conversation `template`, all changed at the same instant `at` (as a bulk
 * close or an import leaves them), `bulk-0000`… each with an address of its own (`bulk0`…).
 */
export async function bulkConversations(app: FastifyInstance, template: ConversationRow, count: number, at: number) {
  const { conversations } = app.store.tables;
  const bulk = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `bulk-${String(i).padStart(4, "0")}`,
    address: `bulk${i}`,
    updatedAt: at,
  }));
  for (let from = 0; from < bulk.length; from += 500) {
    await app.store.tx((db) => db.insert(conversations).values(bulk.slice(from, from + 500)));
  }
}

/**
 * Moves every person's last sign of life back by the whole presence window, as if that long had passed
 * with no console of theirs seen: people stay online only if a process's beat vouches for them again.
 */
export function ageSeen(app: FastifyInstance) {
  const { agentPresence } = app.store.tables;
  return app.store.tx((db) =>
    db.update(agentPresence).set({ seenAt: sql`${agentPresence.seenAt} - ${PRESENCE_WINDOW_MS}` }),
  );
}
