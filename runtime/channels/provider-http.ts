import { Agent, request } from "undici";

export type ProviderResponse =
  | { ok: true; status: number; body: unknown }
  /** `error` completes a sentence naming the destination: "The callback answered 503". */
  | { ok: false; error: string; retryable: boolean };

export type ProviderFile =
  | { ok: true; contentType: string; body: Buffer }
  | { ok: false; error: string; tooLarge?: boolean };

/**
 * Calls destinations the operator configured (a provider's API, the REST callback). They are trusted
 * by configuration, so they never pass the flows' address guard: a callback on a private address is
 * the usual case for a bridge next to Relais. Bounded in time and in size all the same.
 */
export class ProviderHttp {
  private readonly agent = new Agent({ connections: 32 });

  constructor(private readonly options: { timeoutMs: number; maxResponseBytes: number }) {}

  async post(url: string, body: string, headers: Record<string, string>): Promise<ProviderResponse> {
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: "POST",
        body,
        headers,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
    } catch (error) {
      const name = error instanceof Error ? error.name : "";
      const why = name === "TimeoutError" || name === "AbortError" ? "no answer in time" : describe(error);
      return { ok: false, error: `could not be reached (${why})`, retryable: true };
    }
    const text = await readBounded(response.body, this.options.maxResponseBytes);
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: the text itself is what the provider said.
    }
    if (response.statusCode >= 200 && response.statusCode < 300)
      return { ok: true, status: response.statusCode, body: parsed };
    return {
      ok: false,
      error: `answered ${response.statusCode}${providerMessage(parsed)}`,
      // A refusal of the request itself will be refused again; throttling and outages pass.
      retryable: response.statusCode >= 500 || response.statusCode === 429 || response.statusCode === 408,
    };
  }

  /**
   * A file from a provider (a customer's picture): at most `maxBytes`, following one redirect (Twilio
   * keeps media behind one) without passing the credentials on to where it leads.
   */
  async file(url: string, headers: Record<string, string>, maxBytes: number): Promise<ProviderFile> {
    let target = url;
    let sent = headers;
    for (let hop = 0; hop < 2; hop++) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(target, {
          method: "GET",
          headers: sent,
          dispatcher: this.agent,
          signal: AbortSignal.timeout(this.options.timeoutMs),
          headersTimeout: this.options.timeoutMs,
          bodyTimeout: this.options.timeoutMs,
        });
      } catch (error) {
        return { ok: false, error: `could not be reached (${describe(error)})` };
      }
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === "string") {
        await response.body.dump();
        target = new URL(location, target).toString();
        sent = {};
        continue;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        await response.body.dump();
        return { ok: false, error: `answered ${response.statusCode}` };
      }
      const length = Number(response.headers["content-length"] ?? 0);
      if (length > maxBytes) {
        await response.body.dump();
        return { ok: false, error: `sent ${length} bytes, more than the ${maxBytes} allowed`, tooLarge: true };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.length;
        // Leaving the loop ends the download.
        if (size > maxBytes) {
          return { ok: false, error: `sent more than the ${maxBytes} bytes allowed`, tooLarge: true };
        }
        chunks.push(chunk);
      }
      const type = response.headers["content-type"];
      return { ok: true, contentType: typeof type === "string" ? type : "", body: Buffer.concat(chunks) };
    }
    return { ok: false, error: "redirected more than once" };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: string }).code;
  return code ?? (cause instanceof Error ? cause.message : String(cause));
}

/** The error text providers put in their JSON (Graph `error.message`, Twilio `message`), cut short. */
function providerMessage(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const graph = (body as { error?: { message?: unknown } }).error?.message;
  const twilio = (body as { message?: unknown }).message;
  const text = typeof graph === "string" ? graph : typeof twilio === "string" ? twilio : undefined;
  return text ? `: ${text.slice(0, 200)}` : "";
}

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
