import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, listenOnLoopback, userWithRole } from "./helpers.js";
import { openSse } from "./sse-client.js";

interface Answer {
  conversationId: string;
  status: string;
  replies: { nodeId: string; text: string }[];
}

describe("web chat through a real socket", () => {
  let built: Built;
  let base: string;
  beforeAll(async () => {
    built = await build();
    base = await listenOnLoopback(built.app);
  });
  afterAll(() => built.close());

  const post = (session: string, messageId: string, body: { text?: string; choiceId?: string }) =>
    fetch(`${base}/api/channels/webchat/escalate/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://boutique.example" },
      body: JSON.stringify({ session, messageId, ...body }),
    });
  const events = (session: string) => openSse(`${base}/api/channels/webchat/escalate/events?session=${session}`);
  /** Claims from the support queue until this conversation comes (earlier tests leave cases waiting). */
  const claim = async (cookie: string, conversationId: string) => {
    for (;;) {
      const response = await built.app.inject({
        method: "POST",
        url: "/api/queues/support/claim",
        headers: { cookie },
      });
      expect(response.statusCode).toBe(200);
      if (response.json().conversation.id === conversationId) return;
    }
  };

  it("serves the widget script and a demo page that embeds it", async () => {
    const script = await fetch(`${base}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    const code = await script.text();
    expect(code).toContain("/api/channels/webchat/");
    expect(code).toContain("new EventSource(");
    const page = await fetch(`${base}/chat/escalate`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/widget.js" data-flow="escalate" data-open="true"></script>');
    expect(html).toContain(`${built.app.config.publicUrl}/widget.js`);
  });

  it("says on the demo page when the flow is not published", async () => {
    const page = await fetch(`${base}/chat/not-published`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Aucun parcours publié « not-published »");
  });

  it("answers bot replies to each message and streams the agent's reply, then the bot's after a give-back", async () => {
    const session = "webchat-e2e-session-0001";
    const stream = await events(session);
    try {
      const hello = await post(session, "m1", { text: "Bonjour" });
      expect(hello.status).toBe(200);
      const first = (await hello.json()) as Answer;
      expect(first).toMatchObject({ status: "bot", replies: [{ nodeId: "ask", text: "Votre demande ?" }] });
      const second = (await (await post(session, "m2", { text: "mon colis est perdu" })).json()) as Answer;
      expect(second).toMatchObject({ conversationId: first.conversationId, status: "queued" });
      expect(second.replies.map((r) => r.text)).toEqual(["Un conseiller arrive."]);
      // A retry of the same message (the widget retries on a network error) gets the same answer.
      expect(await (await post(session, "m2", { text: "mon colis est perdu" })).json()).toEqual(second);

      const agent = await userWithRole(built.app, "agent", "webchat-agent");
      await claim(agent, first.conversationId);
      // The customer is told who took their case before anything that person writes.
      const joined = await stream.next((e) => e.event === "message");
      expect(JSON.parse(joined.data)).toMatchObject({
        role: "bot",
        message: { nodeId: "notice:claimed", text: "webchat-agent, du service client, prend le relais." },
      });
      const conversation = `/api/conversations/${first.conversationId}`;
      const reply = await built.app.inject({
        method: "POST",
        url: `${conversation}/reply`,
        headers: { cookie: agent },
        payload: { text: "Bonjour, je regarde votre colis." },
      });
      expect(reply.statusCode).toBe(200);
      const fromAgent = await stream.next((e) => e.event === "message");
      expect(JSON.parse(fromAgent.data)).toMatchObject({
        role: "agent",
        message: { text: "Bonjour, je regarde votre colis." },
      });
      expect(Number(fromAgent.id)).toBeGreaterThan(0);

      // While a person has it, the customer's message goes to them: no bot reply.
      const during = (await (await post(session, "m3", { text: "merci !" })).json()) as Answer;
      expect(during).toMatchObject({ status: "agent", replies: [] });

      const released = await built.app.inject({
        method: "POST",
        url: `${conversation}/release`,
        headers: { cookie: agent },
        payload: { nodeId: "ask" },
      });
      expect(released.statusCode).toBe(200);
      const fromBot = await stream.next((e) => e.event === "message");
      expect(JSON.parse(fromBot.data)).toMatchObject({
        role: "bot",
        message: { nodeId: "ask", text: "Votre demande ?" },
      });
      expect(Number(fromBot.id)).toBeGreaterThan(Number(fromAgent.id));
      const after = (await (await post(session, "m4", { text: "encore une question" })).json()) as Answer;
      expect(after).toMatchObject({ conversationId: first.conversationId, status: "queued" });
    } finally {
      stream.close();
    }
  });

  it("keeps an agent's reply until the widget's stream comes back", async () => {
    const session = "webchat-e2e-session-0002";
    await post(session, "m1", { text: "Bonjour" });
    const { conversationId } = (await (await post(session, "m2", { text: "au secours" })).json()) as Answer;
    const agent = await userWithRole(built.app, "agent", "webchat-agent-2");
    await claim(agent, conversationId);
    const reply = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${conversationId}/reply`,
      headers: { cookie: agent },
      payload: { text: "Vous êtes toujours là ?" },
    });
    expect(reply.statusCode).toBe(200);
    const stream = await events(session);
    try {
      const joined = await stream.next((e) => e.event === "message");
      expect(JSON.parse(joined.data)).toMatchObject({ message: { nodeId: "notice:claimed" } });
      const kept = await stream.next((e) => e.event === "message");
      expect(JSON.parse(kept.data)).toMatchObject({ role: "agent", message: { text: "Vous êtes toujours là ?" } });
    } finally {
      stream.close();
    }
  });

  it("lets a widget on another site call it (CORS), refusals included", async () => {
    const preflight = await fetch(`${base}/api/channels/webchat/escalate/messages`, {
      method: "OPTIONS",
      headers: {
        origin: "https://boutique.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("content-type");

    const answered = await post("webchat-e2e-session-0003", "m1", { text: "Bonjour" });
    expect(answered.status).toBe(200);
    expect(answered.headers.get("access-control-allow-origin")).toBe("*");
    const refused = await post("webchat-e2e-session-0003", "m2", {});
    expect(refused.status).toBe(400);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("text");
    const unknown = await fetch(`${base}/api/channels/webchat/not-published/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session: "webchat-e2e-session-0003", messageId: "m3", text: "Bonjour" }),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("access-control-allow-origin")).toBe("*");

    const stream = await events("webchat-e2e-session-0003");
    try {
      expect(stream.response.headers.get("access-control-allow-origin")).toBe("*");
      expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    } finally {
      stream.close();
    }
  });
});
