import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send, userWithRole } from "./helpers.js";
import { documentedUnder, expectContract, type OpenApi, type Route } from "./openapi-contract.js";

/** Each route of the agent, auth, team, supervision, queue admin, canned responses and web chat plugins. */
const ROUTES: Route[] = [
  { method: "post", path: "/api/auth/login", body: true, statuses: [200, 400, 401, 403, 413, 415, 429, 500, 503] },
  { method: "post", path: "/api/auth/logout", statuses: [204, 500, 503] },
  { method: "get", path: "/api/auth/me", statuses: [200, 401, 500, 503] },
  { method: "get", path: "/api/auth/one-time/{token}", statuses: [200, 302, 400, 401, 500, 503], empty: [302] },
  { method: "post", path: "/api/auth/password", body: true, statuses: [204, 400, 401, 403, 413, 415, 500, 503] },
  { method: "post", path: "/api/users", body: true, statuses: [201, 400, 401, 403, 409, 413, 415, 500, 503] },
  { method: "post", path: "/api/tokens", body: true, statuses: [201, 400, 401, 403, 413, 415, 500, 503] },
  { method: "get", path: "/api/tokens", statuses: [200, 401, 403, 500, 503] },
  { method: "delete", path: "/api/tokens/{id}", statuses: [204, 400, 401, 403, 404, 500, 503] },
  { method: "get", path: "/api/users", statuses: [200, 401, 403, 500, 503] },
  { method: "get", path: "/api/users/me/queues", statuses: [200, 401, 500, 503] },
  {
    method: "post",
    path: "/api/users/invitations",
    body: true,
    statuses: [201, 400, 401, 403, 409, 413, 415, 500, 503],
  },
  { method: "put", path: "/api/users/{id}", body: true, statuses: [200, 400, 401, 403, 404, 409, 413, 415, 500, 503] },
  { method: "delete", path: "/api/users/{id}", statuses: [204, 400, 401, 403, 404, 409, 500, 503] },
  { method: "delete", path: "/api/users/{id}/sessions", statuses: [200, 400, 401, 403, 404, 500, 503] },
  { method: "post", path: "/api/users/{id}/link", statuses: [201, 400, 401, 403, 404, 500, 503] },
  { method: "get", path: "/api/queues", statuses: [200, 401, 500, 503] },
  { method: "put", path: "/api/queues/{id}", body: true, statuses: [200, 400, 401, 403, 413, 415, 500, 503] },
  { method: "post", path: "/api/queues", body: true, statuses: [201, 400, 401, 403, 409, 413, 415, 500, 503] },
  { method: "delete", path: "/api/queues/{id}", statuses: [204, 400, 401, 403, 404, 409, 500, 503] },
  { method: "post", path: "/api/queues/{id}/claim", statuses: [200, 204, 400, 401, 403, 409, 500, 503] },
  {
    method: "put",
    path: "/api/queues/{id}/routing",
    body: true,
    statuses: [200, 400, 401, 403, 404, 413, 415, 500, 503],
  },
  { method: "get", path: "/api/conversations/{id}/customer-history", statuses: [200, 400, 401, 403, 404, 500, 503] },
  { method: "get", path: "/api/queues/{id}/waiting", statuses: [200, 400, 401, 403, 500, 503] },
  { method: "get", path: "/api/queue-settings", statuses: [200, 401, 403, 500, 503] },
  { method: "get", path: "/api/conversations", query: ["mine"], statuses: [200, 400, 401, 500, 503] },
  { method: "get", path: "/api/conversations/{id}", statuses: [200, 400, 401, 404, 500, 503] },
  {
    method: "get",
    path: "/api/conversations/{id}/messages/{messageId}/attachments/{index}",
    statuses: [200, 400, 401, 403, 404, 422, 500, 503],
  },
  { method: "post", path: "/api/conversations/{id}/pick", statuses: [200, 400, 401, 403, 404, 409, 500, 503] },
  ...["reply", "note", "transfer", "resolve", "release"].map(
    (action): Route => ({
      method: "post",
      path: `/api/conversations/{id}/${action}`,
      body: true,
      statuses: [200, 400, 401, 404, 409, 413, 415, 500, 503],
    }),
  ),
  {
    method: "post",
    path: "/api/conversations/{id}/assign",
    body: true,
    statuses: [200, 400, 401, 403, 404, 409, 413, 415, 500, 503],
  },
  { method: "get", path: "/api/supervision/floor", statuses: [200, 401, 403, 500, 503] },
  { method: "get", path: "/api/canned-responses", statuses: [200, 401, 500, 503] },
  { method: "get", path: "/api/events", query: ["present"], statuses: [200, 400, 401, 500, 503], stream: true },
  {
    method: "post",
    path: "/api/channels/webchat/{flowId}/messages",
    body: true,
    statuses: [200, 400, 404, 413, 415, 429, 500, 503],
  },
  {
    method: "get",
    path: "/api/channels/webchat/{flowId}/history",
    query: ["session"],
    statuses: [200, 400, 429, 500, 503],
  },
  {
    method: "get",
    path: "/api/channels/webchat/{flowId}/events",
    query: ["session"],
    statuses: [200, 400, 429, 500, 503],
    stream: true,
  },
  { method: "get", path: "/api/conversations/{id}/deliveries", statuses: [200, 400, 401, 404, 500, 503] },
];

/** Every documented route under these paths must be in ROUTES: a new one comes with its contract. */
const PREFIXES = [
  "/api/auth",
  "/api/users",
  "/api/tokens",
  "/api/queues",
  "/api/queue-settings",
  "/api/conversations",
  "/api/supervision",
  "/api/canned-responses",
  "/api/events",
  "/api/channels/webchat",
];

describe("the agent, account and web chat routes in /api/docs", () => {
  let built: Built;
  let doc: OpenApi;
  beforeAll(async () => {
    built = await build();
    const response = await built.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(response.statusCode).toBe(200);
    doc = response.json() as OpenApi;
  });
  afterAll(() => built.close());

  it("lists every route of these plugins, and no route there without its contract", () => {
    const documented = documentedUnder(doc, PREFIXES);
    expect(documented.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))(
    "%s declares its path, query and body, and each status it answers",
    (_name, route) => expectContract(doc, route),
  );

  it("keeps every field the console and the admin pages read through the serialisation", async () => {
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const agent = await userWithRole(built.app, "agent", "serialised");
    const get = async (url: string, cookie = admin) => {
      const response = await built.app.inject({ method: "GET", url, headers: { cookie } });
      expect(response.statusCode, url).toBe(200);
      return response.json();
    };
    const keys = (value: object) => Object.keys(value).sort();

    expect(keys(await get("/api/auth/me"))).toEqual(["hasPassword", "user"]);
    expect(keys((await get("/api/auth/me")).user)).toEqual(["email", "id", "name", "role"]);
    const [member] = await get("/api/users");
    expect(keys(member)).toEqual(["createdAt", "disabled", "email", "hasPassword", "id", "name", "queues", "role"]);
    const [settings] = await get("/api/queue-settings");
    expect(keys(settings)).toEqual(
      [
        "holidays",
        "hours",
        "id",
        "level",
        "name",
        "noticeTexts",
        "outOfHoursText",
        "satisfactionSurvey",
        "slaMinutes",
        "timezone",
      ].sort(),
    );
    const [canned] = await get("/api/canned-responses", agent);
    expect(keys(canned)).toEqual(["id", "language", "text", "title"]);

    await send(built.app, { flowId: "escalate", from: "serialised-1", messageId: "s-1", text: "Bonjour" });
    const handedOff = await send(built.app, {
      flowId: "escalate",
      from: "serialised-1",
      messageId: "s-2",
      text: "mon colis est perdu",
    });
    const { conversationId } = handedOff.json() as { conversationId: string };
    const support = ((await get("/api/queues", agent)) as { id: string }[]).find((queue) => queue.id === "support");
    expect(keys(support ?? {})).toEqual(
      ["id", "level", "name", "oldestWaitSeconds", "open", "slaDueAt", "slaMinutes", "timezone", "waiting"].sort(),
    );
    const [waiting] = await get("/api/queues/support/waiting", agent);
    expect(keys(waiting)).toEqual(
      [
        "assignedTo",
        "channel",
        "createdAt",
        "customer",
        "flowId",
        "flowVersion",
        "handoff",
        "id",
        "lastMessage",
        "status",
        "unanswered",
        "updatedAt",
      ].sort(),
    );
    expect(keys(waiting.customer)).toEqual(["address", "email", "name", "phone"]);
    expect(keys(waiting.lastMessage)).toEqual(["at", "role", "text"]);
    expect(keys(waiting.handoff)).toEqual(["createdAt", "priority", "queue", "reason", "slaDueAt"]);
    expect(waiting.handoff.reason).toMatchObject({ kind: expect.any(String), ruleId: expect.any(String) });

    const claimed = await built.app.inject({
      method: "POST",
      url: "/api/queues/support/claim",
      headers: { cookie: agent },
    });
    expect(claimed.statusCode).toBe(200);
    const row = [
      "address",
      "assignedTo",
      "channel",
      "createdAt",
      "flowId",
      "flowVersion",
      "id",
      "pinned",
      "state",
      "status",
      "updatedAt",
    ];
    expect(keys(claimed.json().conversation)).toEqual(row);
    const detail = await get(`/api/conversations/${conversationId}`, agent);
    expect(keys(detail)).toEqual(["assignee", "channel", "conversation", "deliveryFailures", "handoff", "transcript"]);
    expect(keys(detail.conversation)).toEqual(row);
    expect(keys(detail.handoff)).toEqual(["note", "priority", "queue", "reason", "slaDueAt", "summary"]);
    expect(detail.handoff.reason).toEqual(waiting.handoff.reason);
    expect(detail.handoff.summary).toMatchObject({ answer: "mon colis est perdu" });
    const system = detail.transcript.find((entry: { role: string }) => entry.role === "system");
    expect(system?.event).toMatchObject({ event: "handedOff", params: { queue: "support" } });
    expect(keys(detail.channel)).toEqual(["limits", "name"]);

    const floor = await get("/api/supervision/floor");
    const holder = floor.people.find((person: { name: string }) => person.name === "serialised");
    expect(keys(holder)).toEqual(["holding", "id", "name", "queues", "role"]);
    expect(keys(holder.holding[0])).toEqual(
      ["conversationId", "heldSeconds", "priority", "queue", "waitedSeconds"].sort(),
    );
  });
});
