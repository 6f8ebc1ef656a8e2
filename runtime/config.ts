import { resolve } from "node:path";
import { DEFAULT_LIMITS } from "./engine/limits.js";

/** Everything the runtime reads from its environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; unset means SQLite under `dataDir`. */
  databaseUrl: string | undefined;
  /** A PostgreSQL schema to use instead of `public` (tests run each in a fresh one). */
  databaseSchema: string | undefined;
  flowsDir: string;
  designerDir: string;
  publicUrl: string;
  restToken: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** Hosts and CIDRs the HTTP node may reach although they are private or loopback. */
  httpAllow: string[];
  httpMaxResponseBytes: number;
  bodyLimitBytes: number;
  messageMaxChars: number;
  /** Size bounds of a conversation's values and variables, in characters of JSON. */
  maxValueChars: number;
  maxStateChars: number;
  queuesFile: string | undefined;
  /** Secure cookies need HTTPS; off for plain-HTTP local use. */
  secureCookies: boolean;
  logLevel: string;
  /** Environment the flows' `secrets` are read from. */
  env: Record<string, string | undefined>;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? "127.0.0.1";
  const publicUrl = env.PUBLIC_URL ?? `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR ?? "data"),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    flowsDir: resolve(env.FLOWS_DIR ?? "flows"),
    designerDir: resolve(env.DESIGNER_DIR ?? "dist/designer"),
    publicUrl,
    restToken: env.RELAIS_REST_TOKEN || undefined,
    adminEmail: env.RELAIS_ADMIN_EMAIL || undefined,
    adminPassword: env.RELAIS_ADMIN_PASSWORD || undefined,
    httpAllow: (env.RELAIS_HTTP_ALLOW ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    httpMaxResponseBytes: Number(env.RELAIS_HTTP_MAX_BYTES ?? 1_000_000),
    bodyLimitBytes: Number(env.RELAIS_BODY_LIMIT ?? 1_000_000),
    messageMaxChars: Number(env.RELAIS_MESSAGE_MAX_CHARS ?? 4000),
    maxValueChars: Number(env.RELAIS_MAX_VALUE_CHARS ?? DEFAULT_LIMITS.valueChars),
    maxStateChars: Number(env.RELAIS_MAX_STATE_CHARS ?? DEFAULT_LIMITS.stateChars),
    queuesFile: env.RELAIS_QUEUES_FILE || undefined,
    secureCookies: (env.RELAIS_SECURE_COOKIES ?? (publicUrl.startsWith("https:") ? "1" : "0")) === "1",
    logLevel: env.LOG_LEVEL ?? "info",
    env,
  };
}

/** The sample CRM's defaults, so the shipped flows work out of the box. */
export function secretsFor(config: Config, names: readonly string[]): Record<string, string> {
  const defaults: Record<string, string> = {
    CRM_BASE_URL: `${config.publicUrl}/sample-crm`,
    CRM_TOKEN: "relais-sample-token",
  };
  const secrets: Record<string, string> = {};
  for (const name of names) {
    const value = config.env[name] ?? defaults[name];
    if (value !== undefined) secrets[name] = value;
  }
  return secrets;
}
