import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole } from "../../integration/helpers.js";

/** The admin side of the agent console through the API, against the real app on a real SQLite file. */
describe("team and queue settings API", () => {
  let built: Built;
  let admin: string;
  beforeAll(async () => {
    built = await build();
    admin = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(() => built.close());

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, cookie: string, payload?: object) =>
    built.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it("invites an agent with their queues and a one-time link that logs them in", async () => {
    const invited = await call("POST", "/api/users/invitations", admin, {
      email: "Lea@Example.fr",
      name: "Léa",
      role: "agent",
      queues: ["level2"],
    });
    expect(invited.statusCode).toBe(201);
    const { user, link } = invited.json();
    expect(user).toMatchObject({ email: "lea@example.fr", role: "agent", queues: ["level2"], hasPassword: false });
    const followed = await built.app.inject({ method: "GET", url: new URL(link).pathname });
    expect(followed.statusCode).toBe(302);
    const cookie = `relais_session=${followed.cookies.find((c) => c.name === "relais_session")?.value}`;
    expect((await call("GET", "/api/users/me/queues", cookie)).json()).toEqual({ queues: ["level2"] });
    expect((await call("GET", "/api/users", cookie)).statusCode).toBe(403);
    const again = await call("POST", "/api/users/invitations", admin, {
      email: "lea@example.fr",
      name: "L",
      role: "agent",
    });
    expect(again.json().error.code).toBe("EMAIL_TAKEN");
  });

  it("refuses queues that do not exist, naming them", async () => {
    const refused = await call("POST", "/api/users/invitations", admin, {
      email: "x@example.fr",
      name: "X",
      role: "agent",
      queues: ["nope"],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain("`nope`");
  });

  it("lets an agent claim only in the queues they work", async () => {
    const agent = await userWithRole(built.app, "agent", "sophie");
    const members = (await call("GET", "/api/users", admin)).json() as { id: string; email: string }[];
    const sophie = members.find((m) => m.email === "sophie@example.fr")!;
    const updated = await call("PUT", `/api/users/${sophie.id}`, admin, { queues: ["level2"], name: "Sophie L." });
    expect(updated.json()).toMatchObject({ name: "Sophie L.", queues: ["level2"] });
    await send(built.app, { flowId: "escalate", from: "q-1", messageId: "q-1-a", text: "Bonjour" });
    await send(built.app, { flowId: "escalate", from: "q-1", messageId: "q-1-b", text: "colis perdu" });
    const wrong = await call("POST", "/api/queues/support/claim", agent);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("NOT_YOUR_QUEUE");
    expect((await call("POST", "/api/queues/level2/claim", agent)).statusCode).toBe(204);
  });

  it("never demotes the last admin", async () => {
    const members = (await call("GET", "/api/users", admin)).json() as { id: string; role: string }[];
    const only = members.find((m) => m.role === "admin")!;
    const refused = await call("PUT", `/api/users/${only.id}`, admin, { role: "agent" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("LAST_ADMIN");
  });

  it("defines a queue with hours, holidays, SLA and out-of-hours text, then removes it", async () => {
    const queue = {
      name: "Québec",
      level: 1,
      timezone: "America/Montreal",
      hours: { mon: [["08:00", "17:00"]] },
      holidays: ["2026-12-25"],
      slaMinutes: 15,
      outOfHoursText: { fr: "Nous revenons {{opensAt}}." },
    };
    expect((await call("PUT", "/api/queues/quebec", admin, queue)).statusCode).toBe(200);
    const settings = (await call("GET", "/api/queue-settings", admin)).json() as { id: string }[];
    // No notice texts of its own: the customers get the default words; no satisfaction question unless asked.
    expect(settings.find((q) => q.id === "quebec")).toEqual({
      id: "quebec",
      ...queue,
      noticeTexts: {},
      satisfactionSurvey: false,
    });
    const listed = (await call("GET", "/api/queues", admin)).json() as {
      id: string;
      open: boolean;
      slaMinutes: number;
    }[];
    expect(listed.find((q) => q.id === "quebec")).toMatchObject({ slaMinutes: 15, waiting: 0 });
    expect((await call("DELETE", "/api/queues/quebec", admin)).statusCode).toBe(204);
    expect((await call("DELETE", "/api/queues/quebec", admin)).statusCode).toBe(404);
  });

  it("refuses a time zone or an interval that cannot work, naming the field", async () => {
    const bad = await call("PUT", "/api/queues/broken", admin, {
      name: "Cassée",
      level: 1,
      timezone: "Europe/Pariss",
      hours: { tue: [["18:00", "09:00"]] },
      holidays: [],
      slaMinutes: 15,
      outOfHoursText: { fr: "Bientôt." },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.problems.map((p: { pointer: string }) => p.pointer)).toEqual(["/timezone", "/hours/tue/0"]);
  });

  it("keeps a queue with open conversations", async () => {
    const refused = await call("DELETE", "/api/queues/support", admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("QUEUE_IN_USE");
  });

  it("warns when a flow hands over to a queue that does not exist", async () => {
    const flow = (await call("GET", "/api/flows/escalate", admin)).json().flow;
    const toVip = {
      ...flow,
      nodes: flow.nodes.map((node: { id: string }) => (node.id === "to-person" ? { ...node, queue: "vip" } : node)),
    };
    const saved = await call("PUT", "/api/flows/escalate", admin, { flow: toVip });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().problems).toEqual([
      expect.objectContaining({ code: "lint/unknown-queue", severity: "warning", nodeId: "to-person" }),
    ]);
    expect((await call("GET", "/api/flows/escalate", admin)).json().problems).toEqual([
      expect.objectContaining({ code: "lint/unknown-queue", pointer: "/nodes/2/queue" }),
    ]);
    expect((await call("PUT", "/api/flows/escalate", admin, { flow })).json().problems).toEqual([]);
  });

  it("serves the canned responses to agents and sends /agent to the console", async () => {
    const agent = await userWithRole(built.app, "agent", "marc");
    const canned = (await call("GET", "/api/canned-responses", agent)).json() as { id: string; text: string }[];
    expect(canned.map((c) => c.id)).toContain("bonjour");
    const redirect = await built.app.inject({ method: "GET", url: "/agent" });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe("/#/agent");
  });

  it("tells the second agent who has the conversation", async () => {
    const first = await userWithRole(built.app, "agent", "nina");
    const second = await userWithRole(built.app, "agent", "omar");
    await send(built.app, { flowId: "escalate", from: "c-1", messageId: "c-1-a", text: "Bonjour" });
    const { conversationId } = (
      await send(built.app, { flowId: "escalate", from: "c-1", messageId: "c-1-b", text: "aide" })
    ).json();
    let claimed = "";
    while (claimed !== conversationId)
      claimed = (await call("POST", "/api/queues/support/claim", first)).json().conversation.id;
    const refused = await call("POST", `/api/conversations/${conversationId}/reply`, second, { text: "moi" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "CLAIMED_BY_OTHER" });
    expect(refused.json().error.message).toContain("nina (nina@example.fr)");
    const detail = (await call("GET", `/api/conversations/${conversationId}`, second)).json();
    expect(detail.assignee).toMatchObject({ name: "nina" });
  });
});
