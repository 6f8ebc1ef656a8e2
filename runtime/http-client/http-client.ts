import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, errors, request } from "undici";
import type { HttpRequest, HttpResult } from "../engine/types.js";
import { AddressGuard } from "./address-guard.js";

export interface HttpClientOptions {
  allow: readonly string[];
  maxResponseBytes: number;
  maxRedirects?: number;
  /**
   * The runtime's own address (`PUBLIC_URL`) and the paths of it flows may call (the sample CRM's,
   * when it runs); any other path there is refused, so a flow never posts into Relais itself.
   */
  own?: { origin: string; paths: readonly string[] };
  /** Values of the flow secrets: a header carrying one is dropped when a redirect leaves the origin. */
  secretValues?: readonly string[];
}

/** Headers that carry credentials; undici and browsers drop them on a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

class Refused extends Error {}

/**
 * Runs the HTTP effects of flows. Every address a host resolves to is checked when the socket
 * connects (so DNS rebinding cannot slip past a check made earlier), each redirect is checked
 * again as a new request, and the body is cut off past a size bound.
 */
export class HttpClient {
  private readonly guard: AddressGuard;
  private readonly agent: Agent;
  private readonly strictAgent: Agent;

  constructor(private readonly options: HttpClientOptions) {
    this.guard = new AddressGuard(options.allow);
    this.agent = new Agent({ connect: { lookup: this.checkedLookup(true) } });
    this.strictAgent = new Agent({ connect: { lookup: this.checkedLookup(false) } });
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), this.strictAgent.close()]);
  }

  async run(input: HttpRequest): Promise<HttpResult> {
    const deadline = AbortSignal.timeout(input.timeoutMs);
    let url = input.url;
    let method = input.method;
    let body = input.body;
    let headers = input.headers;
    for (let hop = 0; hop <= (this.options.maxRedirects ?? 3); hop++) {
      const target = parseUrl(url);
      if (!target)
        return { ok: false, error: "refused", message: `Only http and https URLs can be called, not ${url}.` };
      const own = this.options.own;
      const ownPath = own?.origin === target.origin && own.paths.some((path) => target.pathname.startsWith(path));
      if (own?.origin === target.origin && !ownPath) {
        return {
          ok: false,
          error: "refused",
          message: `Refused to call ${target.origin}${target.pathname}: flows do not call Relais itself${own.paths.length ? ` (only ${own.paths.join(", ")})` : ""}.`,
        };
      }
      const port = target.port || (target.protocol === "https:" ? "443" : "80");
      const byName = ownPath || this.guard.allowsHost(target.hostname, port);
      const literal = target.hostname.replace(/^\[|\]$/g, "");
      if (!byName && isIP(literal)) {
        const why = this.guard.refuses(literal);
        if (why) return { ok: false, error: "refused", message: `Refused to call ${target.host}: ${why}.` };
      }
      try {
        const response = await request(target, {
          method,
          headers,
          body,
          signal: deadline,
          dispatcher: byName ? this.agent : this.strictAgent,
          headersTimeout: input.timeoutMs,
          bodyTimeout: input.timeoutMs,
        });
        const location = response.headers.location;
        if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === "string") {
          await response.body.dump();
          const next = new URL(location, target);
          if (next.origin !== target.origin) headers = this.withoutCredentials(headers);
          url = next.toString();
          if (
            response.statusCode === 303 ||
            ((response.statusCode === 301 || response.statusCode === 302) && method === "POST")
          ) {
            method = "GET";
            body = undefined;
          }
          continue;
        }
        return await this.readBody(response);
      } catch (error) {
        return this.failure(error, deadline, input.timeoutMs, target.host);
      }
    }
    return { ok: false, error: "refused", message: `Too many redirects from ${input.url}.` };
  }

  /** What may follow a redirect to another origin: no credential header, no header carrying a flow secret. */
  private withoutCredentials(headers: Record<string, string>): Record<string, string> {
    const secrets = (this.options.secretValues ?? []).filter((value) => value.length > 0);
    return Object.fromEntries(
      Object.entries(headers).filter(
        ([name, value]) =>
          !CREDENTIAL_HEADERS.has(name.toLowerCase()) && !secrets.some((secret) => value.includes(secret)),
      ),
    );
  }

  private checkedLookup(allowedByName: boolean) {
    return (
      hostname: string,
      options: object,
      callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
    ) => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, []);
        if (!allowedByName) {
          for (const entry of addresses) {
            const why = this.guard.refuses(entry.address);
            if (why) return callback(new Refused(`Refused to call ${hostname}: ${why}.`), []);
          }
        }
        const wantsAll = (options as { all?: boolean }).all;
        if (wantsAll) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(new Error(`${hostname} has no address`), []);
        callback(null, first.address, first.family);
      });
    };
  }

  private async readBody(response: Awaited<ReturnType<typeof request>>): Promise<HttpResult> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > this.options.maxResponseBytes) {
        response.body.destroy();
        return {
          ok: false,
          error: "too_large",
          message: `The response is larger than ${this.options.maxResponseBytes} bytes.`,
        };
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const type = headers["content-type"] ?? "";
    let body: unknown = text;
    if (type.includes("json") || (text.length > 0 && /^[[{]/.test(text.trimStart()))) {
      try {
        body = text.length === 0 ? null : JSON.parse(text);
      } catch {
        if (type.includes("json")) {
          return { ok: false, error: "invalid", message: "The response says it is JSON but cannot be read as JSON." };
        }
      }
    }
    return { ok: true, status: response.statusCode, headers, body };
  }

  private failure(error: unknown, deadline: AbortSignal, timeoutMs: number, host: string): HttpResult {
    const refused = error instanceof Refused ? error : (error as { cause?: unknown })?.cause;
    if (refused instanceof Refused) return { ok: false, error: "refused", message: refused.message };
    if (
      deadline.aborted ||
      error instanceof errors.HeadersTimeoutError ||
      error instanceof errors.BodyTimeoutError ||
      error instanceof errors.ConnectTimeoutError
    ) {
      return { ok: false, error: "timeout", message: `${host} did not answer within ${timeoutMs} ms.` };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: "network", message: `Could not reach ${host}: ${message}` };
  }
}

function parseUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
