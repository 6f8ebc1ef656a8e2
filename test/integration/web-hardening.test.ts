import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, listenOnLoopback, login } from "./helpers.js";
import { openSse } from "./sse-client.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe("web hardening", () => {
  let built: Built;
  let base: string;
  let admin: string;
  beforeAll(async () => {
    built = await build({ RELAIS_WEBCHAT_STREAMS_PER_ADDRESS: "2" });
    base = await listenOnLoopback(built.app);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(() => built.close());

  it("lets a mail scanner's HEAD leave a one-time login link unused", async () => {
    const invited = await built.app.inject({
      method: "POST",
      url: "/api/users/invitations",
      headers: { cookie: admin },
      payload: { email: "scanned@example.fr", name: "Scanned", role: "agent" },
    });
    const path = new URL(invited.json().link).pathname;
    expect((await built.app.inject({ method: "HEAD", url: path })).statusCode).toBe(200);
    const used = await built.app.inject({ method: "GET", url: path });
    expect(used.statusCode).toBe(302);
    expect(used.cookies.some((cookie) => cookie.name === "relais_session")).toBe(true);
    expect((await built.app.inject({ method: "GET", url: path })).statusCode).toBe(401);
  });

  it("takes as long to refuse an unknown e-mail as a wrong password", async () => {
    const timed = async (email: string) => {
      const started = process.hrtime.bigint();
      const response = await built.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email, password: "not-the-password" },
        remoteAddress: `198.51.100.${email.length}`,
      });
      expect(response.statusCode).toBe(401);
      return Number(process.hrtime.bigint() - started);
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await timed(ADMIN.email));
      unknown.push(await timed("nobody-here@example.org"));
    }
    // Both hash a password; without that, the unknown e-mail answers some 20 times faster.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.4);
  });

  it("limits the web chat event streams one address holds", async () => {
    const url = (session: string) => `${base}/api/channels/webchat/echo/events?session=${session}`;
    const first = await openSse(url("stream-limit-aaaaaaaa-1"));
    const second = await openSse(url("stream-limit-aaaaaaaa-2"));
    const third = await fetch(url("stream-limit-aaaaaaaa-3"));
    expect(third.status).toBe(429);
    expect((await third.json()).error.code).toBe("TOO_MANY_STREAMS");
    first.close();
    await expect
      .poll(async () => {
        const again = await fetch(url("stream-limit-aaaaaaaa-4"));
        await again.body?.cancel();
        return again.status;
      })
      .toBe(200);
    second.close();
  });

  it("sends CSP and anti-framing headers, and lets other sites load the widget", async () => {
    const page = await fetch(`${base}/healthz`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect((await fetch(`${base}/widget.js`)).headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("shows /metrics only to this machine while no metrics token is set", async () => {
    const from = (remoteAddress: string) => built.app.inject({ method: "GET", url: "/metrics", remoteAddress });
    expect((await from("203.0.113.9")).statusCode).toBe(403);
    expect((await from("127.0.0.1")).body).toContain("relais_messages_total");
  });
});

describe("/metrics with RELAIS_METRICS_TOKEN", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build({ RELAIS_METRICS_TOKEN: "scrape-me-please" });
  });
  afterAll(() => built.close());

  it("asks every caller for the token, this machine included", async () => {
    const scrape = (authorization?: string) =>
      built.app.inject({
        method: "GET",
        url: "/metrics",
        remoteAddress: "127.0.0.1",
        headers: authorization ? { authorization } : {},
      });
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape("Bearer wrong")).statusCode).toBe(401);
    expect((await scrape("Bearer scrape-me-please")).statusCode).toBe(200);
  });
});
