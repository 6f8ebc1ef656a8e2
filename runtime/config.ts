import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { resolve } from "node:path";
import { FLOW_SECRET_PREFIX, reservedSecretName, SLUG_PATTERN } from "../schema/index.js";
import { DEFAULT_LIMITS } from "./engine/limits.js";
import type { LlmSettings } from "./nlu/llm-intents.js";
import type { RetentionPolicy } from "./store/retention.js";

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
  /**
   * The space the operator fills for flows: `RELAIS_SECRET_X` variables and the secrets file,
   * plus the sample CRM's address and token when it runs. Read only through `flowSecret`.
   */
  flowSecrets: ReadonlyMap<string, string>;
  /** The sample CRM (`RELAIS_SAMPLE_CRM=1`) and the token generated for it at this start. */
  sampleCrm: { token: string } | undefined;
  /** Fastify's `trustProxy`: which hops' `X-Forwarded-For` entries to believe (false: none). */
  trustProxy: false | number | string[];
  /** Bearer token `/metrics` asks for; unset, only callers on this machine may read it. */
  metricsToken: string | undefined;
  /** How long an API token works unless its maker says otherwise. */
  tokenTtlDays: number;
  /** The outbox retries a failed send after `base × 2^attempts` (with jitter), `maxAttempts` times in all. */
  outboxRetry: { baseDelayMs: number; maxAttempts: number };
  /**
   * Customer messages a process holds at once, received and not yet answered; beyond, the channels
   * whose senders retry are answered 503 `OVERLOADED` (see routes/when-full.ts).
   */
  maxInFlight: number;
  /** Open web chat event streams one address may hold at once. */
  webchatStreamsPerAddress: number;
  /** Minutes without a customer message after which analytics count a conversation still with the bot as abandoned. */
  abandonAfterMinutes: number;
  /** How long transcripts, answered inbox rows and sent outbox rows are kept; pruned in the background. */
  retention: RetentionPolicy;
  /**
   * An OpenAI-compatible chat-completions endpoint that classifies intents before the trained model
   * (`RELAIS_LLM_URL`, `RELAIS_LLM_MODEL`, `RELAIS_LLM_API_KEY`, `RELAIS_LLM_TIMEOUT_MS`); unset, no
   * customer text leaves the machine.
   */
  llm: LlmSettings | undefined;
  /** The runtime's other settings (callback URL, canned responses file), never handed to flows. */
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
    ...flowSecretSpace(env, publicUrl),
    trustProxy: parseTrustProxy(env.RELAIS_TRUST_PROXY),
    metricsToken: env.RELAIS_METRICS_TOKEN || undefined,
    tokenTtlDays: positive(env, "RELAIS_TOKEN_DAYS", 90),
    outboxRetry: {
      baseDelayMs: positive(env, "RELAIS_OUTBOX_RETRY_MS", 5000),
      maxAttempts: positive(env, "RELAIS_OUTBOX_MAX_ATTEMPTS", 8),
    },
    maxInFlight: positive(env, "RELAIS_MAX_IN_FLIGHT", 1000),
    webchatStreamsPerAddress: positive(env, "RELAIS_WEBCHAT_STREAMS_PER_ADDRESS", 20),
    abandonAfterMinutes: positive(env, "RELAIS_ANALYTICS_ABANDON_MINUTES", 30),
    retention: {
      transcriptDays: positive(env, "RELAIS_RETENTION_DAYS", 365),
      transcriptDaysByFlow: daysByFlow(env.RELAIS_RETENTION_DAYS_BY_FLOW),
      deliveryDays: positive(env, "RELAIS_DELIVERY_RETENTION_DAYS", 7),
    },
    llm: llmSettings(env),
    env,
  };
}

function llmSettings(env: Record<string, string | undefined>): LlmSettings | undefined {
  const url = env.RELAIS_LLM_URL?.trim();
  if (!url) return undefined;
  if (!/^https?:\/\/[^/]/.test(url))
    throw new Error(
      `RELAIS_LLM_URL must be an http(s) URL, e.g. http://127.0.0.1:8080/v1, not ${JSON.stringify(url)}.`,
    );
  const model = env.RELAIS_LLM_MODEL?.trim();
  if (!model) throw new Error("RELAIS_LLM_MODEL must name the model to ask when RELAIS_LLM_URL is set.");
  return {
    url,
    model,
    apiKey: env.RELAIS_LLM_API_KEY || undefined,
    timeoutMs: positive(env, "RELAIS_LLM_TIMEOUT_MS", 2000),
  };
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not ${JSON.stringify(raw)}.`);
  return value;
}

/** `RELAIS_RETENTION_DAYS_BY_FLOW`: `flow=days` pairs separated by commas, e.g. `returns=730,quiz=30`. */
function daysByFlow(raw: string | undefined): Record<string, number> {
  const byFlow: Record<string, number> = {};
  for (const entry of (raw ?? "").split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const [flowId, days] = entry.split("=").map((part) => part.trim());
    const value = Number(days);
    if (!flowId || !new RegExp(SLUG_PATTERN).test(flowId) || !Number.isFinite(value) || value <= 0) {
      throw new Error(
        `RELAIS_RETENTION_DAYS_BY_FLOW: \`${entry}\` is not \`flow=days\` with a flow id and a positive number of days, e.g. RELAIS_RETENTION_DAYS_BY_FLOW=returns=730,quiz=30.`,
      );
    }
    byFlow[flowId] = value;
  }
  return byFlow;
}

/**
 * `RELAIS_TRUST_PROXY`: a hop count (`1`: one proxy in front, the usual case) or a comma list of
 * the proxies' addresses and CIDRs (`loopback`, `linklocal`, `uniquelocal` name those ranges), as
 * Fastify's `trustProxy` and proxy-addr read them. The client is the right-most address that is not
 * a trusted proxy; `true` (believe every entry) is refused, since the client writes the first ones.
 */
function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? "").trim();
  if (value === "" || value === "0") return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const named = ["loopback", "linklocal", "uniquelocal"].includes(entry);
    if (!named && !(address && isIP(address) && (bits === undefined || /^\d+$/.test(bits)))) {
      throw new Error(
        `RELAIS_TRUST_PROXY: \`${entry}\` is neither a hop count, an address, a CIDR nor loopback/linklocal/uniquelocal; e.g. RELAIS_TRUST_PROXY=1 for one proxy in front.`,
      );
    }
  }
  return entries;
}

const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;

/** The flow secret space: `RELAIS_SECRET_*`, then the secrets file over them, then the sample CRM's defaults. */
function flowSecretSpace(
  env: Record<string, string | undefined>,
  publicUrl: string,
): Pick<Config, "flowSecrets" | "sampleCrm"> {
  const secrets = new Map<string, string>();
  for (const [key, value] of Object.entries(env)) {
    const name = key.slice(FLOW_SECRET_PREFIX.length);
    if (key.startsWith(FLOW_SECRET_PREFIX) && value !== undefined && !reservedSecretName(name))
      secrets.set(name, value);
  }
  const file = env.RELAIS_SECRETS_FILE;
  if (file) {
    for (const [name, value] of Object.entries(readSecretsFile(file))) secrets.set(name, value);
  }
  const sampleCrm = env.RELAIS_SAMPLE_CRM === "1" ? { token: randomBytes(24).toString("base64url") } : undefined;
  if (sampleCrm) {
    if (!secrets.has("CRM_BASE_URL")) secrets.set("CRM_BASE_URL", `${publicUrl}/sample-crm`);
    if (!secrets.has("CRM_TOKEN")) secrets.set("CRM_TOKEN", sampleCrm.token);
  }
  return { flowSecrets: secrets, sampleCrm };
}

function readSecretsFile(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`RELAIS_SECRETS_FILE ${file}: cannot read it as JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`RELAIS_SECRETS_FILE ${file}: write one JSON object, {"CRM_TOKEN": "…"}.`);
  }
  for (const [name, value] of Object.entries(parsed)) {
    const why = SECRET_NAME.test(name)
      ? reservedSecretName(name)
      : "a secret name is A-Z, 0-9 and _, starting with a letter";
    if (why) throw new Error(`RELAIS_SECRETS_FILE ${file}: \`${name}\` cannot be a flow secret: ${why}.`);
    if (typeof value !== "string")
      throw new Error(`RELAIS_SECRETS_FILE ${file}: the value of \`${name}\` must be a text.`);
  }
  return parsed as Record<string, string>;
}

/**
 * The one place a flow secret is read: from the space the operator fills for flows, never from the
 * runtime's settings. A name outside that space (`RELAIS_ADMIN_PASSWORD`, `DATABASE_URL`) has no value.
 */
export function flowSecret(config: Pick<Config, "flowSecrets">, name: string): string | undefined {
  if (!SECRET_NAME.test(name) || reservedSecretName(name)) return undefined;
  return config.flowSecrets.get(name);
}

/** The secrets a set of flows names, for the engine: those the space has. */
export function secretsFor(config: Pick<Config, "flowSecrets">, names: readonly string[]): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const name of names) {
    const value = flowSecret(config, name);
    if (value !== undefined) secrets[name] = value;
  }
  return secrets;
}
