import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send, userWithRole } from "./helpers.js";

async function escalate(built: Built, from: string) {
  await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
  const answer = await send(built.app, {
    flowId: "escalate",
    from,
    messageId: `${from}-2`,
    text: "mon colis est perdu",
  });
  return answer.json() as { conversationId: string; status: string; replies: { text: string }[] };
}

describe("human queue and agent API", () => {
  let built: Built;
  let agents: string[];
  beforeAll(async () => {
    built = await build();
    agents = await Promise.all(Array.from({ length: 20 }, (_, i) => userWithRole(built.app, "agent", `agent${i}`)));
  });
  afterAll(() => built.close());

  const claim = (cookie: string, queue = "support") =>
    built.app.inject({ method: "POST", url: `/api/queues/${queue}/claim`, headers: { cookie } });

  it("hands off with the collected values and counts the queue", async () => {
    const answer = await escalate(built, "handoff-1");
    expect(answer.status).toBe("queued");
    expect(answer.replies.map((r) => r.text)).toContain("Un conseiller arrive.");
    const queues = await built.app.inject({ method: "GET", url: "/api/queues", headers: { cookie: agents[0]! } });
    const support = queues.json().find((q: { id: string }) => q.id === "support");
    expect(support).toMatchObject({ waiting: 1, open: true, level: 1 });
    const claimed = await claim(agents[0]!);
    expect(claimed.json().conversation.id).toBe(answer.conversationId);
    const detail = await built.app.inject({
      method: "GET",
      url: `/api/conversations/${answer.conversationId}`,
      headers: { cookie: agents[0]! },
    });
    expect(detail.json().handoff).toMatchObject({ queue: "support", summary: { answer: "mon colis est perdu" } });
  });

  it("never gives the same conversation to two of 20 agents claiming at once", async () => {
    const ids = [];
    for (let i = 0; i < 15; i++) ids.push((await escalate(built, `race-${i}`)).conversationId);
    const results = await Promise.all(agents.map((cookie) => claim(cookie)));
    const won = results.filter((r) => r.statusCode === 200).map((r) => r.json().conversation.id as string);
    expect(won).toHaveLength(15);
    expect(new Set(won).size).toBe(15);
    expect(new Set(won)).toEqual(new Set(ids));
    expect(results.filter((r) => r.statusCode === 204)).toHaveLength(5);
  });

  it("routes customer messages to the agent, not the bot, and lets agents reply, transfer, resolve", async () => {
    const { conversationId } = await escalate(built, "desk-1");
    const [alice, bob] = [agents[0]!, agents[1]!];
    expect((await claim(alice)).json().conversation.id).toBe(conversationId);
    const during = await send(built.app, {
      flowId: "escalate",
      from: "desk-1",
      messageId: "desk-1-3",
      text: "vous êtes là ?",
    });
    expect(during.json()).toMatchObject({ conversationId, status: "agent", replies: [] });
    const post = (cookie: string, action: string, payload: object) =>
      built.app.inject({
        method: "POST",
        url: `/api/conversations/${conversationId}/${action}`,
        headers: { cookie },
        payload,
      });
    expect((await post(bob, "reply", { text: "moi" })).json().error.code).toBe("CLAIMED_BY_OTHER");
    expect((await post(alice, "reply", { text: "Je regarde votre commande." })).statusCode).toBe(200);
    expect((await post(alice, "note", { text: "client pressé" })).statusCode).toBe(200);
    expect((await post(alice, "transfer", { queue: "level2", note: "litige transporteur" })).statusCode).toBe(200);
    const level2 = await claim(bob, "level2");
    expect(level2.json().conversation.id).toBe(conversationId);
    expect((await post(bob, "resolve", { disposition: "refund" })).statusCode).toBe(200);
    expect((await post(bob, "reply", { text: "encore" })).json().error.code).toBe("CLOSED");
    const detail = await built.app.inject({
      method: "GET",
      url: `/api/conversations/${conversationId}`,
      headers: { cookie: bob },
    });
    const roles = detail.json().transcript.map((m: { role: string; text: string }) => `${m.role}:${m.text}`);
    expect(roles).toContain("customer:vous êtes là ?");
    expect(roles).toContain("agent:Je regarde votre commande.");
    expect(roles).toContain("note:litige transporteur");
    expect(roles.filter((r: string) => r.startsWith("bot:Reçu"))).toHaveLength(0);
    const system = detail
      .json()
      .transcript.filter((m: { role: string }) => m.role === "system")
      .map((m: { text: string; event: unknown }) => ({ text: m.text, event: m.event }));
    expect(system).toEqual([
      {
        text: "",
        event: {
          event: "handedOff",
          params: { queue: "support", priority: expect.any(String), reason: expect.objectContaining({ kind: "node" }) },
        },
      },
      { text: "", event: { event: "transferred", params: { agent: "agent0", queue: "level2" } } },
      { text: "", event: { event: "closed", params: { agent: "agent1", disposition: "refund" } } },
    ]);
  });

  it("gives a conversation back to the bot at a chosen node", async () => {
    const { conversationId } = await escalate(built, "release-1");
    const alice = agents[2]!;
    expect((await claim(alice)).json().conversation.id).toBe(conversationId);
    const released = await built.app.inject({
      method: "POST",
      url: `/api/conversations/${conversationId}/release`,
      headers: { cookie: alice },
      payload: { nodeId: "ask" },
    });
    expect(released.statusCode).toBe(200);
    const next = await send(built.app, { flowId: "escalate", from: "release-1", messageId: "release-1-3", text: "re" });
    expect(next.json()).toMatchObject({ conversationId, status: "queued" });
  });

  it("refuses a queue with no opening hours at all, keeping what was stored", async () => {
    const admin = await userWithRole(built.app, "admin", "admin3");
    const settings = {
      name: "Support",
      level: 1,
      timezone: "Europe/Paris",
      hours: { mon: [] },
      holidays: [],
      slaMinutes: 30,
      outOfHoursText: { fr: "Fermé, retour {{opensAt}}." },
    };
    const refused = await built.app.inject({
      method: "PUT",
      url: "/api/queues/support",
      headers: { cookie: admin },
      payload: settings,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.problems).toEqual([
      expect.objectContaining({ pointer: "/hours", message: expect.stringContaining("no opening hours") }),
    ]);
    const queues = await built.app.inject({ method: "GET", url: "/api/queues", headers: { cookie: admin } });
    expect(queues.json().find((q: { id: string }) => q.id === "support")).toMatchObject({ open: true });
  });

  it("tells the customer when people are back outside business hours, and the case still waits", async () => {
    const admin = await userWithRole(built.app, "admin", "admin2");
    // Closed for the next two weeks and more: a long closure, and customers are told the day it ends.
    const today = Date.now();
    const day = (offset: number) => new Date(today + offset * 86_400_000).toISOString().slice(0, 10);
    const closure = [{ from: day(-1), to: day(15), label: "Travaux" }];
    const night = await built.app.inject({
      method: "PUT",
      url: "/api/queues/support",
      headers: { cookie: admin },
      payload: {
        name: "Support",
        level: 1,
        timezone: "Europe/Paris",
        hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]] },
        holidays: closure,
        slaMinutes: 30,
        outOfHoursText: { fr: "Fermé, retour {{opensAt}}." },
      },
    });
    expect(night.statusCode).toBe(200);
    const waitingBefore = (
      await built.app.inject({ method: "GET", url: "/api/queues", headers: { cookie: agents[0]! } })
    )
      .json()
      .find((q: { id: string }) => q.id === "support").waiting as number;
    const answer = await escalate(built, "night-1");
    expect(answer.status).toBe("queued");
    expect(answer.replies.at(-1)?.text).toMatch(/^Fermé, retour (lundi|mardi|mercredi) \d+ \p{L}+ à 09:00\.$/u);
    const queues = await built.app.inject({ method: "GET", url: "/api/queues", headers: { cookie: agents[0]! } });
    expect(queues.json().find((q: { id: string }) => q.id === "support")).toMatchObject({
      open: false,
      waiting: waitingBefore + 1,
    });
  });
});
